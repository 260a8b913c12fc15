/// One named rule of pain-monitored progression: when it applies, what it does, and what the patient is told.
///
/// Rules are plain values in an ordered list so a clinician can read them top to bottom: the first rule that
/// applies decides. Thresholds come from `progression.yaml`; the sentence the patient reads comes from
/// `sentences.yaml` under the rule's id, in the patient's language.
public struct ProgressionRule: Sendable {
    /// Stable id stored with every plan revision, e.g. `pain-red`; also the key of its sentence.
    public let id: String
    /// The change it makes.
    public let change: DoseChange
    /// The placeholders of the sentence, filled from the thresholds in force (a clinic's `progression.yaml` may
    /// change them, and the sentence must say what the rule really did).
    let values: @Sendable (ProgressionSettings, Sentences, Language) -> [String: String]
    /// Whether the clinician is alerted when it fires.
    public let alertsClinician: Bool
    /// When it applies.
    public let applies: @Sendable (ExerciseEvidence, ProgressionSettings) -> Bool

    /// Makes a rule whose sentence names no threshold.
    init(
        id: String, change: DoseChange, alertsClinician: Bool = false,
        applies: @escaping @Sendable (ExerciseEvidence, ProgressionSettings) -> Bool
    ) {
        self.init(
            id: id, change: change, values: { _, _, _ in [:] }, alertsClinician: alertsClinician, applies: applies)
    }

    /// Makes a rule whose sentence names thresholds.
    init(
        id: String, change: DoseChange,
        values: @escaping @Sendable (ProgressionSettings, Sentences, Language) -> [String: String],
        alertsClinician: Bool = false, applies: @escaping @Sendable (ExerciseEvidence, ProgressionSettings) -> Bool
    ) {
        self.id = id
        self.change = change
        self.values = values
        self.alertsClinician = alertsClinician
        self.applies = applies
    }

    /// The sentence the patient sees, in `language`, with the thresholds of `settings`.
    public func reason(
        _ settings: ProgressionSettings, sentences: Sentences = .bundled, in language: Language = .english
    ) -> String {
        sentences.text(id, in: language, values(settings, sentences, language))
    }
}

/// The progression rules in the order they are tried (docs/clinical-sources.md §0.2, §0.3, §3.3).
///
/// Safety first: red flags and red pain come before anything that could move a dose up.
public enum ProgressionRules {
    /// The rules, most protective first; the last one always applies.
    public static let ordered: [ProgressionRule] = [
        ProgressionRule(
            id: "red-flag", change: .pause
        ) { evidence, _ in evidence.redFlag },
        ProgressionRule(
            id: AlertRule.painRedRepeated.rawValue, change: .pause,
            values: { settings, sentences, language in
                let count = Int(settings.redSessionsToPause.value)
                let sessions =
                    count == 2
                    ? sentences.text("sessions-two", in: language)
                    : sentences.text("sessions-many", in: language, ["count": "\(count)"])
                return ["sessions": sessions]
            },
            alertsClinician: true
        ) { evidence, settings in
            evidence.lastSessions(Int(settings.redSessionsToPause.value), allIn: .red)
        },
        ProgressionRule(
            id: "pain-red", change: .regress,
            values: { settings, _, _ in ["painAmberMax": "\(Int(settings.painAmberMax.value))"] }
        ) { evidence, _ in evidence.recentZones.first == .red || evidence.stoppedForPain },
        ProgressionRule(
            id: "too-hard", change: .regress
        ) { evidence, _ in evidence.recentDifficulty.first == .hard },
        ProgressionRule(
            id: "morning-pain-clearly-higher", change: .regress
        ) { evidence, settings in
            (evidence.morningPainRise ?? 0) >= Int(settings.morningPainClearlyHigher.value)
        },
        ProgressionRule(
            id: "swelling-marked", change: .hold
        ) { evidence, _ in (evidence.swellingAfter ?? .none) >= .moderate },
        ProgressionRule(
            id: "pain-amber", change: .hold,
            values: { settings, sentences, language in
                let (low, high) = (Int(settings.painGreenMax.value) + 1, Int(settings.painAmberMax.value))
                let range =
                    low < high
                    ? sentences.text("pain-range", in: language, ["low": "\(low)", "high": "\(high)"]) : "\(high)"
                return ["range": range]
            }
        ) { evidence, _ in evidence.recentZones.first == .amber },
        ProgressionRule(
            id: "morning-pain-slightly-higher", change: .hold
        ) { evidence, settings in
            (evidence.morningPainRise ?? 0) >= Int(settings.morningPainSlightlyHigher.value)
        },
        ProgressionRule(
            id: "swelling-increased", change: .hold
        ) { evidence, _ in evidence.swellingIncreased },
        ProgressionRule(
            id: "effort-right", change: .hold
        ) { evidence, _ in evidence.recentDifficulty.first == .right },
        ProgressionRule(
            id: "green-easy-repeated", change: .progress
        ) { evidence, settings in
            let count = Int(settings.greenSessionsToProgress.value)
            return evidence.lastSessions(count, allIn: .green) && evidence.lastSessions(count, allRated: .easy)
        },
        ProgressionRule(
            id: "keep-going", change: .hold
        ) { _, _ in true },
    ]

    /// The first rule that applies to the evidence.
    public static func decide(_ evidence: ExerciseEvidence, settings: ProgressionSettings) -> ProgressionRule {
        for rule in ordered where rule.applies(evidence, settings) { return rule }
        return ordered[ordered.count - 1]
    }
}
