import Foundation
import RehabMotion
import Testing

/// The generator's ground truth, checked against the keypoints it writes (noise-free, pixel coordinates).
@Suite struct SyntheticRecordingTests {
    static func clean(_ exercise: MotionExercise, view: CameraView? = nil) -> SyntheticRecording.Options {
        var options = SyntheticRecording.Options()
        options.exercise = exercise
        options.view = view
        options.normalised = false
        return options
    }

    /// A joint of the only (or first) person in frame `k`, read through the layout.
    static func point(_ s: SyntheticRecording, _ k: Int, _ joint: Joint) throws -> (Double, Double) {
        let layout = try #require(s.document.layout)
        let index = try #require(layout.index(of: joint))
        let keypoint = try #require(s.document.frames[k]?.people[0][index])
        return (keypoint.x, keypoint.y)
    }

    @Test func theScheduleGivesTheFrameCountAndTimes() {
        // Default: rest 1 s, then 5 reps of ramp 1 + hold 2 + ramp 1 + rest 1 = 26 s at 30 fps.
        let synthetic = SyntheticRecording(SyntheticRecording.Options())
        #expect(synthetic.document.frames.count == 781)
        #expect(synthetic.times.enumerated().allSatisfy { abs($0.element - Double($0.offset) / 30) < 1e-12 })
        #expect(synthetic.fullReps == 5 && synthetic.partialReps == 0)
    }

    @Test(arguments: [MotionExercise.wallSquat, .heelSlide, .terminalKneeExtension], [Side.left, .right])
    func writtenKneeAnglesAreTheTrueAngles(exercise: MotionExercise, side: Side) throws {
        var options = Self.clean(exercise)
        options.side = side
        options.depths = [90, 45, 70]
        let synthetic = SyntheticRecording(options)
        for k in stride(from: 0, to: synthetic.times.count, by: 7) {
            let hip = try Self.point(synthetic, k, .hip(side))
            let knee = try Self.point(synthetic, k, .knee(side))
            let ankle = try Self.point(synthetic, k, .ankle(side))
            let angle = JointAngles.flexion(hip.0, hip.1, knee.0, knee.1, ankle.0, ankle.1)
            #expect(abs(angle - synthetic.kneeFlexion[side][k]) < 1e-9, "frame \(k)")
        }
    }

    @Test(arguments: [0.0, 9.0, 16.0])
    func frontViewValgusIsTheProjectionAngleAtTheDeepestFrame(valgus: Double) throws {
        var options = Self.clean(.wallSquat, view: .front)
        options.valgusDegrees = valgus
        options.depths = [80]
        let synthetic = SyntheticRecording(options)
        let deepest = try #require(
            synthetic.times.indices.max { synthetic.kneeFlexion.left[$0] < synthetic.kneeFlexion.left[$1] })
        for side in Side.allCases {
            let fppa = JointAngles.frontalProjection(
                hip: try Self.point(synthetic, deepest, .hip(side)),
                knee: try Self.point(synthetic, deepest, .knee(side)),
                ankle: try Self.point(synthetic, deepest, .ankle(side)),
                otherHip: try Self.point(synthetic, deepest, .hip(side.opposite)))
            #expect(abs(fppa - valgus) < 1e-9, "\(side): \(fppa)")
        }
    }

    /// A joint's world landmark in frame `k`.
    static func world(_ s: SyntheticRecording, _ k: Int, _ joint: Joint) throws -> WorldPoint {
        let layout = try #require(s.document.layout)
        let index = try #require(layout.index(of: joint))
        return try #require(s.document.frames[k]?.people[0][index]?.world)
    }

    /// Turned by 0°, the 3D body shows the flat front drawing's legs and pelvis (valgus, hip drop, lifted foot).
    @Test func aTurnOfZeroDrawsTheFrontDrawingsLegs() throws {
        var options = Self.clean(.stepUp, view: .front)
        options.valgusDegrees = 8
        options.hipDropDegrees = 5
        let flat = SyntheticRecording(options)
        options.yawDegrees = 0
        let turned = SyntheticRecording(options)
        for k in stride(from: 0, to: flat.times.count, by: 11) {
            for joint in [Joint.leftHip, .rightHip, .leftKnee, .rightKnee, .leftAnkle, .rightAnkle] {
                let (a, b) = (try Self.point(flat, k, joint), try Self.point(turned, k, joint))
                #expect(abs(a.0 - b.0) < 1e-9 && abs(a.1 - b.1) < 1e-9, "frame \(k) \(joint)")
            }
        }
    }

    /// World landmarks: metres from the hip centre, the hips 0.255 m apart (0.15 of 1.70 m), their line turned by
    /// the yaw, and the 3D knee angle the true flexion.
    @Test(arguments: [0.0, 30, 60, 90])
    func worldLandmarksAreMetresFromTheHipCentreTurnedByTheYaw(yaw: Double) throws {
        var options = Self.clean(.wallSquat)
        options.yawDegrees = yaw
        options.depths = [90, 45]
        let synthetic = SyntheticRecording(options)
        for k in stride(from: 0, to: synthetic.times.count, by: 9) {
            let (left, right) = (try Self.world(synthetic, k, .leftHip), try Self.world(synthetic, k, .rightHip))
            #expect(abs(left.x + right.x) < 1e-12 && abs(left.z + right.z) < 1e-12)
            let (across, along) = (left.x - right.x, left.z - right.z)
            #expect(abs((across * across + along * along).squareRoot() - 0.255) < 1e-9)
            #expect(abs(atan2(abs(along), abs(across)) * 180 / .pi - yaw) < 1e-9)
            let knee = JointAngles.flexion3D(
                try Self.world(synthetic, k, .leftHip).tuple, try Self.world(synthetic, k, .leftKnee).tuple,
                try Self.world(synthetic, k, .leftAnkle).tuple)
            #expect(abs(knee - synthetic.kneeFlexion.left[k]) < 1e-9, "frame \(k)")
        }
    }

    @Test func withoutWorldATurnedBodyWritesOnlyTheImage() throws {
        var options = Self.clean(.wallSquat)
        options.yawDegrees = 45
        options.world = false
        let synthetic = SyntheticRecording(options)
        #expect(synthetic.document.frames.allSatisfy { $0?.people[0].allSatisfy { $0?.world == nil } ?? true })
    }

    @Test func theFreeLegSwingsSidewaysAndTheStanceFootStays() throws {
        var options = Self.clean(.stepUp, view: .front)
        options.freeLegSwingDegrees = 20
        let synthetic = SyntheticRecording(options)
        let frames = Array(stride(from: 0, to: synthetic.times.count, by: 3))
        let free = try frames.map { try Self.point(synthetic, $0, .rightAnkle).0 }
        let stance = try frames.map { try Self.point(synthetic, $0, .leftAnkle).0 }
        #expect((free.max() ?? 0) - (free.min() ?? 0) > 0.1 * synthetic.bodyHeight)
        #expect((stance.max() ?? 0) - (stance.min() ?? 0) < 1e-9)
    }

    @Test func fullRepsReachSixtyFivePercentOfTheDeepest() {
        var options = SyntheticRecording.Options()
        options.depths = [80, 40, 60, 90, 58]  // 65 % of 90 is 58.5
        let synthetic = SyntheticRecording(options)
        #expect(synthetic.fullReps == 3 && synthetic.partialReps == 2)
    }

    @Test func theSameOptionsGiveTheSameDocumentAndSeedsDiffer() {
        var options = noisy(.wallSquat)
        let a = SyntheticRecording(options).document
        #expect(a == SyntheticRecording(options).document)
        options.seed += 1
        #expect(a != SyntheticRecording(options).document)
    }

    @Test func droppedFramesAreNullAndTheFirstIsKept() {
        var options = SyntheticRecording.Options()
        options.dropFraction = 0.2
        let frames = SyntheticRecording(options).document.frames
        let dropped = Double(frames.filter { $0 == nil }.count) / Double(frames.count)
        #expect(frames[0] != nil)
        #expect(abs(dropped - 0.2) < 0.05)
    }

    @Test func aSecondPersonIsInEveryFrame() {
        var options = SyntheticRecording.Options()
        options.secondPerson = true
        #expect(SyntheticRecording(options).document.frames.allSatisfy { $0?.people.count == 2 })
    }

    @Test func mirroringFlipsXAndSwapsTheLabels() throws {
        var options = Self.clean(.stepUp, view: .front)
        options.normalised = false
        let plain = SyntheticRecording(options)
        options.mirrored = true
        let mirrored = SyntheticRecording(options)
        #expect(mirrored.document.mirrored)
        for k in [0, 40, 80] {
            let right = try Self.point(plain, k, .rightKnee)
            let labelledLeft = try Self.point(mirrored, k, .leftKnee)
            #expect(abs(labelledLeft.0 - (SyntheticRecording.image.width - right.0)) < 1e-9)
            #expect(abs(labelledLeft.1 - right.1) < 1e-9)
        }
    }

    @Test func balanceTruthIsTheScheduledTimeAndTheHipPath() {
        var options = Self.clean(.singleLegBalance)
        options.balanceSeconds = 7
        #expect(SyntheticRecording(options).balanceSeconds == 7)
        #expect(SyntheticRecording(options).swayPathBodyHeights == 0)
        options.swayBodyHeights = 0.01
        // The mid-hip path of x(t) = 0.01·(sin 2π·0.4t + ½ sin(2π·1.1t + 1)) body heights, frame to frame, while the
        // foot is up (1 s < t < 8 s).
        let x = (31..<240).map { k -> Double in
            let t = Double(k) / 30
            return 0.01 * (sin(2 * .pi * 0.4 * t) + 0.5 * sin(2 * .pi * 1.1 * t + 1))
        }
        let expected = zip(x, x.dropFirst()).map { abs($1 - $0) }.reduce(0, +)
        let path = SyntheticRecording(options).swayPathBodyHeights ?? 0
        #expect(abs(path - expected) < 1e-9, "\(path) vs \(expected)")
    }

    @Test func logitsAreWrittenForTheSameConfidence() throws {
        var options = SyntheticRecording.Options()
        options.logits = true
        let keypoint = try #require(SyntheticRecording(options).document.frames[0]?.people[0][23])
        #expect(abs((keypoint.confidence ?? 0) - log(0.95 / 0.05)) < 1e-12)
    }
}

extension WorldPoint {
    /// The point as the tuple the angle formulas take.
    var tuple: (Double, Double, Double) { (x, y, z) }
}
