/// One triage rule: an id, the level it asks for, when it fires, and what it tells the patient.
///
/// Rules are small named values so a clinician can read the list in one place (`RedFlagRule.all`) and tests can
/// check each one by id; the policy supplies the numbers, the rule supplies the logic and the words.
public struct RedFlagRule: Sendable {
    /// The stable id reported in `TriageReason.rule`, e.g. `fever`.
    public let id: String
    /// The level the rule asks for when it fires.
    public let level: TriageLevel
    /// Returns the patient message when the rule fires, nil otherwise.
    let evaluate: @Sendable (TriageContext) -> String?

    /// Makes a rule from its id, level and evaluation.
    init(_ id: String, _ level: TriageLevel, evaluate: @escaping @Sendable (TriageContext) -> String?) {
        self.id = id
        self.level = level
        self.evaluate = evaluate
    }

    /// The reason this rule gives for a check-in, or nil when it does not fire.
    public func reason(for checkIn: CheckIn, recent: [CheckIn], policy: TriagePolicy) -> TriageReason? {
        reason(in: TriageContext(checkIn: checkIn, recent: recent, policy: policy))
    }

    func reason(in context: TriageContext) -> TriageReason? {
        evaluate(context).map { TriageReason(rule: id, level: level, message: $0) }
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

extension Swelling {
    /// The adverb for messages: "mildly", "moderately", "badly".
    var adverb: String {
        switch self {
        case .none: "not"
        case .mild: "mildly"
        case .moderate: "moderately"
        case .severe: "badly"
        }
    }
}
