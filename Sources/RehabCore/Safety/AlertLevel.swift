/// How urgently an alert needs the clinician: the triage levels that raise one, or information.
///
/// The raw values are what the store keeps and the API shows; `AlertLevelTests` fixes them.
public enum AlertLevel: String, Codable, CaseIterable, Sendable {
    /// A red flag that needs emergency care now.
    case emergency
    /// A red flag that needs medical advice the same day.
    case urgent
    /// Something the clinician should hear about within a day or two.
    case contactClinician = "contact-clinician"
    /// Information: no harm expected, but the clinician may act (a phase gate met, range of motion behind).
    case info

    /// The alert level of a triage level, or nil for the levels that raise no alert (`modify`, `continue`).
    public init?(_ triage: TriageLevel) {
        switch triage {
        case .emergency: self = .emergency
        case .urgent: self = .urgent
        case .contactClinician: self = .contactClinician
        case .modify, .continue: return nil
        }
    }

    /// True for the red-flag levels (urgent and emergency).
    public var isRedFlag: Bool { self == .emergency || self == .urgent }
}

/// The ids of the rules whose alerts the worklist reads, written once here.
///
/// Triage rules keep their own ids (`calf-pain-or-swelling`, …): their level, not their id, places the patient.
public enum AlertRule: String, CaseIterable, Sendable {
    /// An exercise hurt in the red zone for the set number of sessions running and was paused.
    case painRedRepeated = "pain-red-repeated"
    /// No session for the set number of days.
    case missedSessions = "missed-sessions"
    /// A measured range of motion is behind what the protocol expects by now.
    case rangeOfMotionBehind = "range-of-motion-behind"
    /// Every criterion of the next phase is met; the move waits for the clinician.
    case phaseGateMet = "phase-gate-met"
}
