/// One named rule of pain-monitored progression: when it applies, what it does, and what the patient is told.
///
/// Rules are plain values in an ordered list so a clinician can read them top to bottom: the first rule that
/// applies decides. Thresholds come from `progression.yaml`.
public struct ProgressionRule: Sendable {
    /// Stable id stored with every plan revision, e.g. `pain-red`.
    public let id: String
    /// The change it makes.
    public let change: DoseChange
    /// The sentence the patient sees, built from the thresholds in force (a clinic's `progression.yaml` may
    /// change them, and the sentence must say what the rule really did).
    public let reason: @Sendable (ProgressionSettings) -> String
    /// Whether the clinician is alerted when it fires.
    public let alertsClinician: Bool
    /// When it applies.
    public let applies: @Sendable (ExerciseEvidence, ProgressionSettings) -> Bool

    /// Makes a rule whose sentence names no threshold.
    public init(
        id: String, change: DoseChange, reason: String, alertsClinician: Bool = false,
        applies: @escaping @Sendable (ExerciseEvidence, ProgressionSettings) -> Bool
    ) {
        self.init(id: id, change: change, reason: { _ in reason }, alertsClinician: alertsClinician, applies: applies)
    }

    /// Makes a rule whose sentence names thresholds.
    public init(
        id: String, change: DoseChange, reason: @escaping @Sendable (ProgressionSettings) -> String,
        alertsClinician: Bool = false, applies: @escaping @Sendable (ExerciseEvidence, ProgressionSettings) -> Bool
    ) {
        self.id = id
        self.change = change
        self.reason = reason
        self.alertsClinician = alertsClinician
        self.applies = applies
    }
}

/// The progression rules in the order they are tried (docs/clinical-sources.md §0.2, §0.3, §3.3).
///
/// Safety first: red flags and red pain come before anything that could move a dose up.
public enum ProgressionRules {
    /// The rules, most protective first; the last one always applies.
    public static let ordered: [ProgressionRule] = [
        ProgressionRule(
            id: "red-flag", change: .pause,
            reason:
                "Your check-in showed a warning sign. Please skip your exercises until your care team has spoken with you."
        ) { evidence, _ in evidence.redFlag },
        ProgressionRule(
            id: AlertRule.painRedRepeated.rawValue, change: .pause,
            reason: { settings in
                let count = Int(settings.redSessionsToPause.value)
                let times = count == 2 ? "two sessions" : "\(count) sessions"
                return "This exercise hurt too much \(times) in a row, so we have paused it and told your therapist."
            },
            alertsClinician: true
        ) { evidence, settings in
            evidence.lastSessions(Int(settings.redSessionsToPause.value), allIn: .red)
        },
        ProgressionRule(
            id: "pain-red", change: .regress,
            reason: { settings in
                "It hurt more than \(Int(settings.painAmberMax.value)) out of 10 last time, so we have made it one step easier."
            }
        ) { evidence, _ in evidence.recentZones.first == .red || evidence.stoppedForPain },
        ProgressionRule(
            id: "too-hard", change: .regress,
            reason: "You said it felt hard last time, so we have made it one step easier."
        ) { evidence, _ in evidence.recentDifficulty.first == .hard },
        ProgressionRule(
            id: "morning-pain-clearly-higher", change: .regress,
            reason: "Your knee hurt clearly more than usual the next morning, so we have made it one step easier."
        ) { evidence, settings in
            (evidence.morningPainRise ?? 0) >= Int(settings.morningPainClearlyHigher.value)
        },
        ProgressionRule(
            id: "swelling-marked", change: .hold,
            reason: "Your knee was quite swollen, so we are keeping the same level until the swelling settles."
        ) { evidence, _ in (evidence.swellingAfter ?? .none) >= .moderate },
        ProgressionRule(
            id: "pain-amber", change: .hold,
            reason: { settings in
                let (low, high) = (Int(settings.painGreenMax.value) + 1, Int(settings.painAmberMax.value))
                let range = low < high ? "\(low) to \(high)" : "\(high)"
                return "It hurt a little (\(range) out of 10). That is acceptable, so we are keeping the same level."
            }
        ) { evidence, _ in evidence.recentZones.first == .amber },
        ProgressionRule(
            id: "morning-pain-slightly-higher", change: .hold,
            reason: "Your knee was a bit more sore than usual the next morning, so we are keeping the same level."
        ) { evidence, settings in
            (evidence.morningPainRise ?? 0) >= Int(settings.morningPainSlightlyHigher.value)
        },
        ProgressionRule(
            id: "swelling-increased", change: .hold,
            reason: "Your knee was more swollen the next morning, so we are keeping the same level."
        ) { evidence, _ in evidence.swellingIncreased },
        ProgressionRule(
            id: "effort-right", change: .hold,
            reason: "You said the effort felt about right, so we are keeping the same level."
        ) { evidence, _ in evidence.recentDifficulty.first == .right },
        ProgressionRule(
            id: "green-easy-repeated", change: .progress,
            reason: "It felt easy with little or no pain in your last sessions, so we have moved you up one step."
        ) { evidence, settings in
            let count = Int(settings.greenSessionsToProgress.value)
            return evidence.lastSessions(count, allIn: .green) && evidence.lastSessions(count, allRated: .easy)
        },
        ProgressionRule(
            id: "keep-going", change: .hold,
            reason: "Keep going at this level. We move you up after easy sessions with little or no pain."
        ) { _, _ in true },
    ]

    /// The first rule that applies to the evidence.
    public static func decide(_ evidence: ExerciseEvidence, settings: ProgressionSettings) -> ProgressionRule {
        for rule in ordered where rule.applies(evidence, settings) { return rule }
        return ordered[ordered.count - 1]
    }
}
