/// How a measurement was taken; the catalog says which methods may open a phase gate (`measurements.yaml`).
public enum MeasurementMethod: String, Codable, CaseIterable, Sendable {
    /// A clinician's goniometer reading of a joint angle.
    case goniometer
    /// A hand-held or fixed dynamometer reading of muscle strength.
    case dynamometer
    /// A timed or measured functional test done by a clinician: a stopwatch, a tape measure.
    case timedTest = "timed-test"
    /// Measured from pose keypoints, a video or a keypoint file run through motion analysis.
    case poseKeypoints = "pose-keypoints"
    /// Reported by the patient, including the timer on a balance exercise's screen.
    case patientReported = "patient-reported"

    /// The words a clinician reads beside a value.
    public var label: String {
        switch self {
        case .goniometer: "goniometer"
        case .dynamometer: "dynamometer"
        case .timedTest: "timed test"
        case .poseKeypoints: "pose keypoints"
        case .patientReported: "reported by the patient"
        }
    }

    /// Reads a method, also under the names earlier versions stored ("pose keypoints", "keypoints", "patient").
    public init?(stored text: String) {
        switch text {
        case "pose keypoints", "keypoints": self = .poseKeypoints
        case "patient": self = .patientReported
        default: self.init(rawValue: text)
        }
    }

    /// Decodes a method, accepting the older names too.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let method = MeasurementMethod(stored: text) else {
            let known = MeasurementMethod.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "should be one of \(known)"))
        }
        self = method
    }
}
