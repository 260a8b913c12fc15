/// One triage rule: an id, the level it asks for, when it fires, and what it tells the patient.
///
/// Rules are small named values so a clinician can read the list in one place (`RedFlagRule.all`) and tests can
/// check each one by id; the policy supplies the numbers, the rule supplies the logic, and `sentences.yaml` the
/// words, under `triage-<id>`, in every language.
public struct RedFlagRule: Sendable {
    /// The stable id reported in `TriageReason.rule`, e.g. `fever`.
    public let id: String
    /// The level the rule asks for when it fires.
    public let level: TriageLevel
    /// Returns the values of the message's placeholders when the rule fires, nil otherwise.
    let evaluate: @Sendable (TriageContext) -> [String: String]?

    /// Makes a rule from its id, level and evaluation.
    init(_ id: String, _ level: TriageLevel, evaluate: @escaping @Sendable (TriageContext) -> [String: String]?) {
        self.id = id
        self.level = level
        self.evaluate = evaluate
    }

    /// The reason this rule gives for a check-in, in `language`, or nil when it does not fire.
    public func reason(
        for checkIn: CheckIn, recent: [CheckIn], policy: TriagePolicy, sentences: Sentences = .bundled,
        in language: Language = .english
    ) -> TriageReason? {
        reason(in: TriageContext(checkIn: checkIn, recent: recent, policy: policy), sentences, language)
    }

    func reason(in context: TriageContext, _ sentences: Sentences, _ language: Language) -> TriageReason? {
        evaluate(context).map { values in
            TriageReason(
                rule: id, level: level, message: Self.message(id, values, sentences: sentences, in: language))
        }
    }

    /// The sentence of rule `id` with its values in `language`'s words: a swelling is a word, a temperature has
    /// a decimal comma in Spanish.
    static func message(_ id: String, _ values: [String: String], sentences: Sentences, in language: Language)
        -> String
    {
        var words = values
        if let swelling = values["swelling"] {
            words["swelling"] = sentences.text("swelling-\(swelling)", in: language)
        }
        if language == .spanish {
            for key in ["temperature", "threshold"] {
                words[key] = words[key]?.replacingOccurrences(of: ".", with: ",")
            }
        }
        return sentences.text("triage-\(id)", in: language, words)
    }

    /// The ids of every rule, and of the "no warning signs" answer: each has a sentence.
    static var sentenceKeys: [String] {
        (all.map(\.id) + [noWarningSigns]).map { "triage-\($0)" } + Swelling.allCases.map { "swelling-\($0.rawValue)" }
    }
}

/// What a rule looks at: today's check-in, the earlier ones, and the policy.
struct TriageContext: Sendable {
    let checkIn: CheckIn
    let recent: [CheckIn]
    let policy: TriagePolicy

    /// The worst of pain at rest and pain on waking, when either was given.
    var restingPain: Int? {
        [checkIn.painAtRest, checkIn.painMorning].compactMap { $0 }.max()
    }

    /// The latest earlier check-in within the repeat window that answered the question `answer` reads.
    func previous<T>(_ answer: (CheckIn) -> T?) -> T? {
        let earliest = checkIn.date.adding(days: -policy.repeatWindowDays)
        return
            recent
            .filter { $0.date < checkIn.date && $0.date >= earliest && answer($0) != nil }
            .max { $0.date < $1.date }
            .flatMap(answer)
    }

    /// The emergency number to put in messages.
    var call: String { policy.emergencyNumber }
}
