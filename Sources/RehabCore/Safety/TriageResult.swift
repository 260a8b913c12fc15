/// The outcome of triaging one check-in: the overall level and every rule that fired.
///
/// All reasons are kept, not just the worst, so a patient with a fever and a swollen knee hears about both, and
/// the clinician's alert shows the whole picture. Reasons come most severe first.
public struct TriageResult: Codable, Hashable, Sendable {
    /// The most severe level among the reasons (`continue` when nothing fired).
    public let level: TriageLevel
    /// The rules that fired, most severe first.
    public let reasons: [TriageReason]

    /// Builds a result from the reasons; the level is their most severe one.
    public init(reasons: [TriageReason]) {
        let ordered = reasons.enumerated()
            .sorted { ($0.element.level, -$0.offset) > ($1.element.level, -$1.offset) }
            .map(\.element)
        self.reasons = ordered
        self.level = ordered.first?.level ?? .continue
    }

    /// True when the result should raise a clinician alert (urgent or emergency).
    ///
    /// The API raises an alert and the progression engine freezes on these two levels.
    public var raisesAlert: Bool { level >= .urgent }

    /// The clinician alert this result raises, from its most severe reason; nil when it raises none.
    public var alert: NewAlert? {
        guard raisesAlert, let reason = reasons.first, let level = AlertLevel(level) else { return nil }
        return NewAlert(level: level, rule: reason.rule, message: reason.message)
    }
}

/// One rule that fired: its id, its level and a message a patient understands.
public struct TriageReason: Codable, Hashable, Sendable {
    /// The rule id, e.g. `calf-pain-or-swelling`.
    public let rule: String
    /// The level this rule asks for on its own.
    public let level: TriageLevel
    /// What to do and why, in plain words.
    public let message: String

    /// Makes a reason.
    public init(rule: String, level: TriageLevel, message: String) {
        self.rule = rule
        self.level = level
        self.message = message
    }
}
