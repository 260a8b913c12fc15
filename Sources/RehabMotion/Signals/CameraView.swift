import Foundation

/// Which way the camera sees the patient, judged from the keypoints themselves.
///
/// Sagittal angles need a side view and frontal ones a front view (docs/motion-sources.md §2.1, §2.2, §2.7); knowing
/// the view lets a measure say "low confidence" instead of giving a wrong number.
public enum CameraView: String, Sendable, Codable, CaseIterable {
    /// The camera looks at the patient's side: flexion is readable, valgus and pelvic drop are not.
    case side
    /// The camera faces the patient (or their back): valgus and pelvic drop are readable, flexion is not.
    case front
    /// In between: neither plane is seen well.
    case oblique
    /// Too few joints to tell.
    case unknown

    /// Width over length at or below which the view counts as a side view (yaw ≳ 70° for typical proportions).
    ///
    /// Heuristic from anthropometry: shoulder plus hip width is about 0.7 of trunk plus thigh length face-on
    /// (Winter's segment table) and shrinks with the sine of the yaw; not a validated cut-off.
    public static let sideMaximumRatio = 0.25
    /// Width over length at or above which the view counts as a front view (yaw ≲ 40°); same derivation.
    public static let frontMinimumRatio = 0.5

    /// Body yaw at or below which the view counts as a front (or back) view, in degrees.
    ///
    /// A knee bent forward of the hip–ankle line by the thigh's length times sin(flexion / 2) shows, seen turned by
    /// a yaw ψ, a false frontal angle of about 2·atan(tan(flexion / 2)·sin ψ): at 10° and 45–60° of flexion that is
    /// 8–12°, the size of the FPPA's smallest detectable difference (docs/motion-sources.md §2.2, §2.9). Heuristic.
    public static let frontMaximumYaw = 10.0
    /// Body yaw at or above which the view counts as a side view, in degrees.
    ///
    /// Seen turned by δ = 90° − yaw, a sagittal bend reads 2·atan(tan(flexion / 2)·cos δ): at 65° the image angle
    /// falls short by at most about 6° up to 120° of flexion, inside the ±5–7° a good side view already carries
    /// (§2.1, §2.9). Heuristic.
    public static let sideMinimumYaw = 65.0

    /// Classifies a recording: by the body's yaw when world landmarks exist, else by image widths.
    ///
    /// The median over all frames ignores brief turns.
    public static func classify(_ recording: PoseRecording) -> CameraView { judge(recording).view }

    /// The view and what it was judged from: the median yaw of the world landmarks where they exist, else the
    /// median ratio of shoulder plus hip width to trunk plus thigh length in the image.
    public static func judge(_ recording: PoseRecording) -> ViewJudgement {
        let yaw = yawDegrees(recording)
        if yaw.isFinite { return ViewJudgement(view: classify(yawDegrees: yaw), yawDegrees: yaw) }
        return ViewJudgement(view: classify(widthRatio: widthRatio(recording)), yawDegrees: nil)
    }

    /// The view a body yaw in degrees (0 = facing the camera or turned away, 90 = side on) stands for.
    public static func classify(yawDegrees yaw: Double) -> CameraView {
        guard yaw.isFinite else { return .unknown }
        if yaw <= frontMaximumYaw { return .front }
        if yaw >= sideMinimumYaw { return .side }
        return .oblique
    }

    /// The view a width-to-length ratio stands for.
    public static func classify(widthRatio ratio: Double) -> CameraView {
        guard ratio.isFinite else { return .unknown }
        if ratio <= sideMaximumRatio { return .side }
        if ratio >= frontMinimumRatio { return .front }
        return .oblique
    }

    /// The median body yaw in degrees from the world landmarks, 0...90; NaN without them.
    ///
    /// Per frame, the hip line plus the shoulder line (left minus right, where the shoulders are seen) in the world
    /// x–z plane: across the picture is 0°, along the line of sight 90°. Facing away folds onto facing the camera.
    public static func yawDegrees(_ r: PoseRecording) -> Double {
        guard let world = r.world else { return .nan }
        let lines = BodyLines(world)
        return Statistics.quantile(count: r.count, 0.5, value: lines.yawDegrees)
    }

    /// The median width-to-length ratio; NaN when the joints are missing.
    public static func widthRatio(_ r: PoseRecording) -> Double {
        let body = TrunkColumns(r)
        return Statistics.quantile(count: r.count, 0.5, value: body.widthRatio)
    }
}

/// A view and what it was judged from.
///
/// The yaw is reported with the result so a clinician can see how the patient stood to the camera.
public struct ViewJudgement: Sendable, Equatable {
    /// The view.
    public var view: CameraView
    /// The median body yaw in degrees (0 = front or back, 90 = side), when world landmarks gave it.
    public var yawDegrees: Double?

    /// Creates a judgement.
    ///
    /// Plain memberwise initialiser.
    public init(view: CameraView, yawDegrees: Double?) {
        self.view = view
        self.yawDegrees = yawDegrees
    }

    /// Whether the view came from the world landmarks' yaw rather than from image widths.
    ///
    /// Widths cannot tell a small turn from a broad patient, so only a yaw can show a view square enough for the
    /// frontal angle (docs/motion-sources.md §2.9).
    public var fromWorld: Bool { yawDegrees != nil }
}

/// The hip and shoulder lines of the world landmarks, for the body's yaw.
private struct BodyLines {
    let world: WorldColumns

    init(_ world: WorldColumns) { self.world = world }

    /// Yaw at frame `i` in degrees; NaN without both hips.
    func yawDegrees(_ i: Int) -> Double {
        let (lhx, _, lhz) = world.point(.leftHip, i)
        let (rhx, _, rhz) = world.point(.rightHip, i)
        var across = lhx - rhx
        var along = lhz - rhz
        let (lsx, _, lsz) = world.point(.leftShoulder, i)
        let (rsx, _, rsz) = world.point(.rightShoulder, i)
        if (lsx - rsx).isFinite, (lsz - rsz).isFinite {
            across += lsx - rsx
            along += lsz - rsz
        }
        return atan2(abs(along), abs(across)) * JointAngles.degreesPerRadian
    }
}

/// The shoulder, hip and knee columns the view judgement reads, held apart so its loop reads flat arrays.
private struct TrunkColumns {
    let x: [[Double]]
    let y: [[Double]]

    init(_ r: PoseRecording) {
        let joints: [Joint] = [.leftShoulder, .rightShoulder, .leftHip, .rightHip, .leftKnee, .rightKnee]
        x = joints.map { r.x[$0.rawValue] }
        y = joints.map { r.y[$0.rawValue] }
    }

    /// Shoulder plus hip width over the mean of the two sides' trunk plus thigh length.
    func widthRatio(_ i: Int) -> Double {
        func d(_ a: Int, _ b: Int) -> Double { JointAngles.distance(x[a][i], y[a][i], x[b][i], y[b][i]) }
        let width = d(2, 3) + d(0, 1)
        let length = d(0, 2) + d(2, 4) + d(1, 3) + d(3, 5)
        return width / (length / 2)
    }
}
