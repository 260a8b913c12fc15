/// The Knee injury and Osteoarthritis Outcome Score: 42 items in five subscales, each scored 0–100 (100 = no
/// problems).
///
/// Subscales are reported separately because there is no official total, and a subscale with too few answers is
/// left unscored (null) rather than guessed: the 2012 user's guide asks for at least half of its items.
public enum KOOS {
    /// One KOOS subscale, with its item-id prefix and how many answers it needs.
    public enum Subscale: String, Codable, CaseIterable, Sendable {
        /// Pain, items P1–P9.
        case pain
        /// Other symptoms, items S1–S7.
        case symptoms
        /// Function in daily living, items A1–A17.
        case adl
        /// Function in sport and recreation, items SP1–SP5.
        case sport
        /// Knee-related quality of life, items Q1–Q4.
        case qol

        /// The item-id prefix: `P`, `S`, `A`, `SP`, `Q`.
        public var prefix: String {
            switch self {
            case .pain: "P"
            case .symptoms: "S"
            case .adl: "A"
            case .sport: "SP"
            case .qol: "Q"
            }
        }

        /// The number of items in the subscale.
        public var itemCount: Int {
            switch self {
            case .pain: 9
            case .symptoms: 7
            case .adl: 17
            case .sport: 5
            case .qol: 4
            }
        }

        /// The fewest answered items that still give a score: at least half, rounded up.
        ///
        /// Source: KOOS user's guide 2012 (docs/clinical-sources.md §6.1) — 5 of 9, 4 of 7, 9 of 17, 3 of 5, 2 of 4.
        public var minimumAnswered: Int { (itemCount + 1) / 2 }

        /// The subscale's name for people, e.g. "Sport and recreation".
        public var title: String {
            switch self {
            case .pain: "Pain"
            case .symptoms: "Symptoms"
            case .adl: "Daily living"
            case .sport: "Sport and recreation"
            case .qol: "Quality of life"
            }
        }

        /// The item ids of the subscale in form order.
        public var itemIDs: [String] { (1...itemCount).map { "\(prefix)\($0)" } }
    }

    /// Scores every subscale; an unscorable subscale is nil.
    ///
    /// Each subscale is 100 − mean × 25 over its answered items, rounded to one decimal.
    public static func score(_ answers: QuestionnaireAnswers) throws(InvalidInput) -> KOOSScore {
        try answers.validate(for: .koos)
        var scores: [Subscale: Double] = [:]
        var answered: [Subscale: Int] = [:]
        for subscale in Subscale.allCases {
            let values = subscale.itemIDs.compactMap { answers[$0] }
            answered[subscale] = values.count
            if values.count >= subscale.minimumAnswered {
                let mean = Double(values.reduce(0, +)) / Double(values.count)
                scores[subscale] = roundedToTenth(100 - mean * 25)
            }
        }
        return KOOSScore(scores: scores, answered: answered)
    }

    static func roundedToTenth(_ value: Double) -> Double {
        (value * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}

/// A KOOS result: `{"instrument": "koos", "scores": {"pain": 86.1, …}}`, null for an unscored subscale.
public struct KOOSScore: Codable, Hashable, Sendable {
    /// Scores 0–100 per subscale; a missing key means the subscale could not be scored.
    public let scores: [KOOS.Subscale: Double]
    /// How many items of each subscale were answered, so a reader can see why a subscale is null.
    public let answered: [KOOS.Subscale: Int]

    /// Wraps subscale scores.
    public init(scores: [KOOS.Subscale: Double], answered: [KOOS.Subscale: Int] = [:]) {
        self.scores = scores
        self.answered = answered
    }

    /// The score of one subscale, or nil when it could not be scored.
    public subscript(subscale: KOOS.Subscale) -> Double? { scores[subscale] }

    private enum CodingKeys: String, CodingKey { case instrument, scores, answered }
    private struct SubscaleKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes the result shape.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scores = try container.decode([String: Double?].self, forKey: .scores)
        let answered = try container.decodeIfPresent([String: Int].self, forKey: .answered) ?? [:]
        var byScale: [KOOS.Subscale: Double] = [:]
        var counts: [KOOS.Subscale: Int] = [:]
        for subscale in KOOS.Subscale.allCases {
            if let value = scores[subscale.rawValue] ?? nil { byScale[subscale] = value }
            if let count = answered[subscale.rawValue] { counts[subscale] = count }
        }
        self.init(scores: byScale, answered: counts)
    }

    /// Encodes every subscale, null where unscored, in the contract's shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Instrument.koos, forKey: .instrument)
        var scoreContainer = container.nestedContainer(keyedBy: SubscaleKey.self, forKey: .scores)
        var answeredContainer = container.nestedContainer(keyedBy: SubscaleKey.self, forKey: .answered)
        for subscale in KOOS.Subscale.allCases {
            let key = SubscaleKey(stringValue: subscale.rawValue)
            try scoreContainer.encode(scores[subscale], forKey: key)
            try answeredContainer.encodeIfPresent(answered[subscale], forKey: key)
        }
    }
}
