import Foundation
import RehabMotion
import Testing

@Suite struct CameraViewTests {
    /// A still person with the given shoulder width, hip width, trunk length and thigh length (pixels), seen for
    /// ten frames: shoulders straight above the hips, knees straight below.
    static func still(shoulders: Double, hips: Double, trunk: Double = 60, thigh: Double = 50) -> PoseRecording {
        var x = [[Double]](repeating: [Double](repeating: .nan, count: 10), count: Joint.count)
        var y = x
        func place(_ joint: Joint, _ px: Double, _ py: Double) {
            x[joint.rawValue] = [Double](repeating: px, count: 10)
            y[joint.rawValue] = [Double](repeating: py, count: 10)
        }
        for side in Side.allCases {
            let sign = side == .left ? 1.0 : -1.0
            place(.shoulder(side), 300 + sign * shoulders / 2, 100)
            place(.hip(side), 300 + sign * hips / 2, 100 + trunk)
            place(.knee(side), 300 + sign * hips / 2, 100 + trunk + thigh)
        }
        return PoseRecording(interval: 1.0 / 30, x: x, y: y, z: nil)
    }

    @Test func widthRatioIsWidthOverMeanTrunkPlusThighLength() {
        // Width 40 + 30 = 70; each side's trunk (hypotenuse of 60 and the 5 px offset) plus thigh 50.
        let recording = Self.still(shoulders: 40, hips: 30)
        let trunk = (60.0 * 60 + 5 * 5).squareRoot()
        #expect(abs(CameraView.widthRatio(recording) - 70 / (trunk + 50)) < 1e-12)
    }

    @Test(arguments: [
        (40.0, 30.0, CameraView.front),  // ratio 0.64
        (20, 15, .oblique),  // 0.32
        (8, 6, .side),  // 0.13
    ])
    func classifiesByTheRatio(shoulders: Double, hips: Double, view: CameraView) {
        #expect(CameraView.classify(Self.still(shoulders: shoulders, hips: hips)) == view)
    }

    @Test func aNarrowerBodyNeverLooksMoreFrontal() {
        // Turning away shrinks the widths: the ratio must fall with them and the verdict go front → oblique → side.
        let ratios = stride(from: 1.0, through: 0.05, by: -0.05).map {
            CameraView.widthRatio(Self.still(shoulders: 40 * $0, hips: 30 * $0))
        }
        #expect(zip(ratios, ratios.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test func withoutShouldersTheViewIsUnknown() {
        var recording = Self.still(shoulders: 40, hips: 30)
        recording.x[Joint.leftShoulder.rawValue] = [Double](repeating: .nan, count: 10)
        #expect(CameraView.classify(recording) == .unknown)
        #expect(CameraView.widthRatio(recording).isNaN)
    }

    @Test(arguments: [CameraView.side, .front])
    func recognisesTheSyntheticBodyFromEitherView(view: CameraView) throws {
        var options = noisy(.stepUp)
        options.view = view
        let recording = try RecordingBuilder.build(SyntheticRecording(options).document)
        #expect(CameraView.classify(recording) == view)
    }

    /// The synthetic squat turned by `yaw`: with world landmarks the yaw decides, within a few degrees of the truth.
    @Test(arguments: [(0.0, CameraView.front), (45, .oblique), (90, .side), (135, .oblique), (180, .front)])
    func worldYawTellsTheViewsApart(yaw: Double, view: CameraView) throws {
        var options = noisy(.wallSquat)
        options.yawDegrees = yaw
        let judgement = CameraView.judge(try RecordingBuilder.build(SyntheticRecording(options).document))
        #expect(judgement.view == view)
        #expect(judgement.fromWorld)
        let folded = min(yaw, 180 - yaw)  // facing away reads as facing the camera
        #expect(abs((judgement.yawDegrees ?? .nan) - folded) < 3, "yaw \(judgement.yawDegrees ?? .nan)")
    }

    /// Without world landmarks the image widths still tell a square front from a side view.
    @Test(arguments: [(0.0, CameraView.front), (90, .side)])
    func withoutWorldTheWidthsDecide(yaw: Double, view: CameraView) throws {
        var options = noisy(.wallSquat)
        options.yawDegrees = yaw
        options.world = false
        let judgement = CameraView.judge(try RecordingBuilder.build(SyntheticRecording(options).document))
        #expect(judgement.view == view && !judgement.fromWorld && judgement.yawDegrees == nil)
    }

    @Test(arguments: [
        (0.0, CameraView.front), (CameraView.frontMaximumYaw, .front), (CameraView.frontMaximumYaw + 0.1, .oblique),
        (CameraView.sideMinimumYaw - 0.1, .oblique), (CameraView.sideMinimumYaw, .side), (90, .side), (.nan, .unknown),
    ])
    func yawThresholdsSplitTheViews(yaw: Double, view: CameraView) {
        #expect(CameraView.classify(yawDegrees: yaw) == view)
    }

    @Test func theYawIsTheHipAndShoulderLineAgainstTheImagePlane() {
        // Hips 0.3 m apart across the picture and 0.3 m along the line of sight, shoulders likewise: 45°.
        var recording = Self.still(shoulders: 40, hips: 30)
        let zero = [[Double]](repeating: [Double](repeating: 0, count: 10), count: Joint.count)
        var across = zero
        for side in Side.allCases {
            for joint in [Joint.hip(side), .shoulder(side)] {
                across[joint.rawValue] = [Double](repeating: side == .left ? 0.15 : -0.15, count: 10)
            }
        }
        recording.world = WorldColumns(x: across, y: zero, z: across)
        #expect(abs(CameraView.yawDegrees(recording) - 45) < 1e-9)
        #expect(
            CameraView.judge(recording) == ViewJudgement(view: .oblique, yawDegrees: CameraView.yawDegrees(recording)))
    }

    @Test func aBriefTurnDoesNotChangeTheVerdict() {
        // Nine front frames and one side frame: the median ignores the turn.
        var recording = Self.still(shoulders: 40, hips: 30)
        for joint in [Joint.leftShoulder, .rightShoulder, .leftHip, .rightHip] {
            recording.x[joint.rawValue][4] = 300
        }
        #expect(CameraView.classify(recording) == .front)
    }
}
