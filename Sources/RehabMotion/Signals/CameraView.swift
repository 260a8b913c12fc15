/// Which way the camera sees the patient, judged from the keypoints themselves.
///
/// Sagittal angles need a side view and frontal ones a front view (MOTION-ANALYSIS.md §2.1, §2.2, §2.7); knowing
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
        let j = { (joint: Joint) in joint.rawValue }
        var ratios: [Double] = []
        ratios.reserveCapacity(r.count)
        for i in 0..<r.count {
            let width =
                JointAngles.distance(
                    r.x[j(.leftHip)][i], r.y[j(.leftHip)][i], r.x[j(.rightHip)][i], r.y[j(.rightHip)][i])
                + JointAngles.distance(
                    r.x[j(.leftShoulder)][i], r.y[j(.leftShoulder)][i], r.x[j(.rightShoulder)][i],
                    r.y[j(.rightShoulder)][i])
            var length = 0.0
            for side in Side.allCases {
                let s = j(.shoulder(side))
                let h = j(.hip(side))
                let k = j(.knee(side))
                length += JointAngles.distance(r.x[s][i], r.y[s][i], r.x[h][i], r.y[h][i])
                length += JointAngles.distance(r.x[h][i], r.y[h][i], r.x[k][i], r.y[k][i])
            }
            let ratio = width / (length / 2)
            if ratio.isFinite { ratios.append(ratio) }
        }
        return Statistics.quantile(ratios, 0.5)
    }
}
