/// How urgently a check-in needs attention, from `emergency` down to `continue`.
///
/// Comparable by severity (`.emergency > .urgent > .contactClinician > .modify > .continue`), so the level of a
/// check-in is simply the `max()` of the levels of the rules that fired. `allCases` lists the most severe first.
public enum TriageLevel: String, Codable, CaseIterable, Comparable, Sendable {
    /// Call the emergency number now.
    case emergency
    /// Get medical advice the same day.
    case urgent
    /// Tell the clinician within a day or two.
    case contactClinician = "contact-clinician"
    /// Carry on with an easier session.
    case modify
    /// Carry on with the program as planned.
    case `continue`

    /// 4 for emergency down to 0 for continue.
    public var severity: Int {
        switch self {
        case .emergency: 4
        case .urgent: 3
        case .contactClinician: 2
        case .modify: 1
        case .continue: 0
        }
    }

    /// The level in plain words for a patient, e.g. "Urgent: get medical advice today".
    ///
    /// The emergency number comes from the policy, so it is a parameter rather than a constant.
    public func headline(emergencyNumber: String) -> String {
        switch self {
        case .emergency: "Emergency: call \(emergencyNumber) now"
        case .urgent: "Urgent: get medical advice today"
        case .contactClinician: "Contact your clinician within a day or two"
        case .modify: "Go easier today"
        case .continue: "Carry on with your program"
        }
    }

    /// Orders by severity; greater is more severe.
    public static func < (lhs: TriageLevel, rhs: TriageLevel) -> Bool { lhs.severity < rhs.severity }
}
