/// The numeric pain rating scale: one answer, 0 (no pain) to 10 (worst pain imaginable).
///
/// The simplest outcome measure, asked at every check-in; scoring it through the same door as the longer forms
/// lets the change-against-MCID logic treat every instrument alike.
public enum NPRS {
    /// The single item, keyed `pain` as in the API's `{"pain": n}`.
    public static let items = [
        QuestionnaireItem(id: "pain", label: "Your knee pain right now", range: 0...10, zeroMeans: .best)
    ]

    /// Scores `{"pain": n}`.
    ///
    /// Throws when the answer is missing, null or outside 0–10.
    public static func score(_ answers: QuestionnaireAnswers) throws(InvalidInput) -> NPRSScore {
        try answers.validate(for: .nprs)
        guard let pain = answers["pain"] else {
            throw InvalidInput(field: "answers.pain", problem: "is unanswered; NPRS needs a pain rating 0–10")
        }
        return NPRSScore(score: pain)
    }
}

/// An NPRS result: `{"instrument": "nprs", "score": n}`.
public struct NPRSScore: Codable, Hashable, Sendable {
    /// Pain 0–10; lower is better.
    public let score: Int

    /// Wraps a rating.
    public init(score: Int) { self.score = score }

    private enum CodingKeys: String, CodingKey { case instrument, score }

    /// Decodes the result shape.
    public init(from decoder: any Decoder) throws {
        score = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .score)
    }

    /// Encodes the result shape with its instrument name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Instrument.nprs, forKey: .instrument)
        try container.encode(score, forKey: .score)
    }
}
