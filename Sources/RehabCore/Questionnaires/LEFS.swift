/// The Lower Extremity Functional Scale: 20 items, each 0 (extreme difficulty or unable) to 4 (no difficulty);
/// the total runs 0–80, higher is better.
///
/// No published rule for missing items was found (docs/clinical-sources.md §6.4), so KneeRehab scores LEFS only when
/// all 20 items are answered rather than inventing a pro-rating the instrument's authors did not give.
public enum LEFS {
    /// The 20 items in form order.
    public static let items: [QuestionnaireItem] = [
        "Your usual work, housework or school",
        "Your usual hobbies, recreation or sport",
        "Getting into or out of the bath",
        "Walking from room to room",
        "Putting on shoes or socks",
        "Squatting",
        "Lifting something like a bag of shopping from the floor",
        "Light jobs around the house",
        "Heavy jobs around the house",
        "Getting into or out of a car",
        "Walking a couple of blocks",
        "Walking about a mile",
        "Climbing a flight of stairs",
        "Standing for an hour",
        "Sitting for an hour",
        "Running on even ground",
        "Running on uneven ground",
        "Turning sharply while running fast",
        "Hopping",
        "Rolling over in bed",
    ].enumerated().map { index, label in
        QuestionnaireItem(id: "\(index + 1)", label: label, range: 0...4, zeroMeans: .worst)
    }

    /// The largest possible total.
    public static let maximum = 80

    /// Sums the 20 answers; throws naming the first unanswered item when any is missing.
    public static func score(_ answers: QuestionnaireAnswers) throws(InvalidInput) -> LEFSScore {
        try answers.validate(for: .lefs)
        let missing = answers.unanswered(items)
        if let first = missing.first {
            throw InvalidInput(
                field: "answers.\(first)",
                problem: "is unanswered; LEFS is scored only with all 20 items "
                    + "(unanswered: \(missing.joined(separator: ", ")))")
        }
        return LEFSScore(score: items.compactMap { answers[$0.id] }.reduce(0, +))
    }
}

/// A LEFS result: `{"instrument": "lefs", "score": 52, "maximum": 80, "percentOfMaximum": 65}`.
public struct LEFSScore: Codable, Hashable, Sendable {
    /// The total, 0–80.
    public let score: Int

    /// Wraps a total.
    public init(score: Int) { self.score = score }

    /// The total as a percentage of 80, rounded to one decimal.
    public var percentOfMaximum: Double {
        KOOS.roundedToTenth(Double(score) * 100 / Double(LEFS.maximum))
    }

    private enum CodingKeys: String, CodingKey { case instrument, score, maximum, percentOfMaximum }

    /// Decodes the result shape.
    public init(from decoder: any Decoder) throws {
        score = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .score)
    }

    /// Encodes the result shape with the maximum and the percentage.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Instrument.lefs, forKey: .instrument)
        try container.encode(score, forKey: .score)
        try container.encode(LEFS.maximum, forKey: .maximum)
        try container.encode(percentOfMaximum, forKey: .percentOfMaximum)
    }
}
