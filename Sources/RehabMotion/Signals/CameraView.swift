/// Which way the camera sees the patient, judged from the keypoints themselves.
///
/// Sagittal angles need a side view and frontal ones a front view (docs/motion-sources.md §2.1, §2.2, §2.7); knowing
/// the view lets a measure say "low confidence" instead of giving a wrong number.
public enum CameraView: String, Sendable, Codable {
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

    /// Classifies a recording by the median ratio of shoulder plus hip width to trunk plus thigh length.
    ///
    /// The median over all frames ignores brief turns.
    public static func classify(_ recording: PoseRecording) -> CameraView {
        let ratio = widthRatio(recording)
        guard ratio.isFinite else { return .unknown }
        if ratio <= sideMaximumRatio { return .side }
        if ratio >= frontMinimumRatio { return .front }
        return .oblique
    }

    /// The median width-to-length ratio; NaN when the joints are missing.
    public static func widthRatio(_ r: PoseRecording) -> Double {
        let body = TrunkColumns(r)
        return Statistics.quantile(count: r.count, 0.5, value: body.widthRatio)
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
