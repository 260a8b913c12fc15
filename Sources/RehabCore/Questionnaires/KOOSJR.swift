/// KOOS JR, the seven-item joint-replacement short form: raw sum 0–28 → interval score 0–100 (100 = best).
///
/// The interval scores come from a published conversion table kept in `questionnaires.yaml` with its source;
/// all seven answers are required because the table has no rule for a missing item.
public enum KOOSJR {
    /// The seven items in form order, answered 0–4 with 0 = no problem.
    public static let items: [QuestionnaireItem] = [
        "Stiffness when you first get up in the morning",
        "Pain when twisting or pivoting on the knee",
        "Pain when straightening the knee fully",
        "Pain on stairs, up or down",
        "Pain while standing up straight",
        "Difficulty getting up from a chair",
        "Difficulty bending down to pick something up",
    ].enumerated().map { index, label in
        QuestionnaireItem(id: "\(index + 1)", label: label, range: 0...4, zeroMeans: .best)
    }

    /// Scores the seven answers with the given conversion table.
    ///
    /// Throws naming the first unanswered item (and listing all of them) when any item is missing.
    public static func score(_ answers: QuestionnaireAnswers, table: KOOSJRTable) throws(InvalidInput)
        -> KOOSJRScore
    {
        try answers.validate(for: .koosJR)
        let missing = answers.unanswered(items)
        if let first = missing.first {
            throw InvalidInput(
                field: "answers.\(first)",
                problem: "is unanswered; KOOS JR is scored only with all seven items "
                    + "(unanswered: \(missing.joined(separator: ", ")))")
        }
        let raw = items.compactMap { answers[$0.id] }.reduce(0, +)
        return KOOSJRScore(raw: raw, score: table.intervalScore(raw: raw))
    }
}

/// The KOOS JR raw-sum → interval-score conversion, one value per raw sum 0–28.
public struct KOOSJRTable: Codable, Hashable, Sendable {
    /// Interval scores indexed by raw sum; 29 values from 100 down to 0.
    public let intervalScores: [Double]
    /// Where the numbers come from.
    public let source: String

    /// Checks the table's shape: 29 values, within 0–100, never rising as the raw sum rises.
    public init(intervalScores: [Double], source: String) throws(InvalidInput) {
        guard intervalScores.count == 29 else {
            throw InvalidInput(
                field: "koosJR.intervalScores", problem: "needs 29 values (raw 0–28), found \(intervalScores.count)")
        }
        for (raw, value) in intervalScores.enumerated() {
            guard (0...100).contains(value), raw == 0 || value < intervalScores[raw - 1] else {
                throw InvalidInput(
                    field: "koosJR.intervalScores[\(raw)]", problem: "must be within 0–100 and below the previous value"
                )
            }
        }
        self.intervalScores = intervalScores
        self.source = source
    }

    private enum CodingKeys: String, CodingKey { case intervalScores, source }

    /// Decodes and checks a table, so a damaged data file fails at load time.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            intervalScores: container.decode([Double].self, forKey: .intervalScores),
            source: container.decode(String.self, forKey: .source))
    }

    /// The interval score for a raw sum 0–28.
    public func intervalScore(raw: Int) -> Double { intervalScores[raw] }
}

/// A KOOS JR result: `{"instrument": "koos-jr", "raw": 7, "score": 68.284}`.
public struct KOOSJRScore: Codable, Hashable, Sendable {
    /// The raw sum of the seven answers, 0–28 (higher = worse).
    public let raw: Int
    /// The interval score, 0–100 (higher = better).
    public let score: Double

    /// Wraps a result.
    public init(raw: Int, score: Double) {
        self.raw = raw
        self.score = score
    }

    private enum CodingKeys: String, CodingKey { case instrument, raw, score }

    /// Decodes the result shape.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            raw: try container.decode(Int.self, forKey: .raw), score: try container.decode(Double.self, forKey: .score))
    }

    /// Encodes the result shape with its instrument name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Instrument.koosJR, forKey: .instrument)
        try container.encode(raw, forKey: .raw)
        try container.encode(score, forKey: .score)
    }
}
