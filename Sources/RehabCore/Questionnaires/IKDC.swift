/// The IKDC subjective knee form (2000): 18 scored items, score = sum ÷ maximum of the answered items × 100.
///
/// Item coding (documented in docs/questionnaires.md): answers are the form's item scores with higher = better,
/// except the two pain items (2 frequency, 3 severity), which are entered as marked on the form (0 = never or no
/// pain, 10 = constant or worst) and reverse-scored here so that 10 counts as no pain. Item 10a (function before
/// the injury) may be given but is not scored. A score needs at least 16 of the 18 scored items.
public enum IKDC {
    /// The items in form order: ids `1`–`8`, `9a`–`9i`, `10a` (not scored), `10b`.
    public static let items: [QuestionnaireItem] =
        [
            QuestionnaireItem(
                id: "1", label: "Hardest activity you can do without much knee pain", range: 0...4, zeroMeans: .worst),
            QuestionnaireItem(
                id: "2", label: "How often the knee hurt in the past month", range: 0...10, zeroMeans: .best),
            QuestionnaireItem(id: "3", label: "How bad the knee pain is at its worst", range: 0...10, zeroMeans: .best),
            QuestionnaireItem(
                id: "4", label: "Stiffness or swelling in the past month (4 = none)", range: 0...4,
                zeroMeans: .worst),
            QuestionnaireItem(
                id: "5", label: "Hardest activity you can do without the knee swelling a lot", range: 0...4,
                zeroMeans: .worst),
            QuestionnaireItem(
                id: "6", label: "Knee free of locking or catching in the past month (1 = no locking)", range: 0...1,
                zeroMeans: .worst),
            QuestionnaireItem(
                id: "7", label: "Hardest activity you can do without the knee giving way", range: 0...4,
                zeroMeans: .worst),
            QuestionnaireItem(id: "8", label: "Hardest activity you can do regularly", range: 0...4, zeroMeans: .worst),
        ] + activityItems + [
            QuestionnaireItem(
                id: "10a", label: "How well the knee worked before the injury", range: 0...10, zeroMeans: .worst,
                scored: false),
            QuestionnaireItem(id: "10b", label: "How well the knee works now", range: 0...10, zeroMeans: .worst),
        ]

    private static let activityItems: [QuestionnaireItem] = zip(
        ["9a", "9b", "9c", "9d", "9e", "9f", "9g", "9h", "9i"],
        [
            "Going up stairs", "Going down stairs", "Kneeling on the front of the knee", "Squatting",
            "Sitting with the knee bent", "Getting up from a chair", "Running straight ahead",
            "Jumping and landing on the operated leg", "Stopping and starting quickly",
        ]
    ).map { id, activity in
        QuestionnaireItem(id: id, label: "Ease of: \(activity) (4 = no difficulty)", range: 0...4, zeroMeans: .worst)
    }

    /// The items whose answers are reverse-scored (10 − answer), so that 10 counts as no pain.
    public static let reversedItems: Set<String> = ["2", "3"]

    /// The number of scored items, and the fewest answered that still give a score.
    public static let scoredItemCount = 18
    /// Source: IKDC 2000 scoring instructions (docs/clinical-sources.md §6.5): no more than two of 18 items missing.
    public static let minimumAnswered = 16

    /// Scores the answers; throws when fewer than 16 scored items are answered.
    public static func score(_ answers: QuestionnaireAnswers) throws(InvalidInput) -> IKDCScore {
        try answers.validate(for: .ikdc)
        let scored = items.filter(\.scored)
        let missing = answers.unanswered(scored)
        let answeredCount = scored.count - missing.count
        guard answeredCount >= minimumAnswered else {
            throw InvalidInput(
                field: "answers",
                problem: "only \(answeredCount) of the \(scoredItemCount) scored IKDC items are answered; a score "
                    + "needs at least \(minimumAnswered) (unanswered: \(missing.joined(separator: ", ")))")
        }
        var sum = 0
        var maximum = 0
        for item in scored {
            guard let answer = answers[item.id] else { continue }
            sum += reversedItems.contains(item.id) ? item.maximum - answer : answer
            maximum += item.maximum
        }
        let score = KOOS.roundedToTenth(Double(sum) * 100 / Double(maximum))
        return IKDCScore(score: score, answered: answeredCount)
    }
}

/// An IKDC result: `{"instrument": "ikdc", "score": 75.9, "answered": 18}`.
public struct IKDCScore: Codable, Hashable, Sendable {
    /// The score 0–100 (100 = no limitation), rounded to one decimal.
    public let score: Double
    /// How many of the 18 scored items were answered (16–18).
    public let answered: Int

    /// Wraps a result.
    public init(score: Double, answered: Int) {
        self.score = score
        self.answered = answered
    }

    private enum CodingKeys: String, CodingKey { case instrument, score, answered }

    /// Decodes the result shape.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            score: try container.decode(Double.self, forKey: .score),
            answered: try container.decode(Int.self, forKey: .answered))
    }

    /// Encodes the result shape with its instrument name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Instrument.ikdc, forKey: .instrument)
        try container.encode(score, forKey: .score)
        try container.encode(answered, forKey: .answered)
    }
}
