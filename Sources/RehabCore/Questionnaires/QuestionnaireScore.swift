/// The score of any instrument, encoded in that instrument's own result shape.
///
/// The API stores and returns scores of every instrument through one type; the enum keeps each instrument's
/// shape exact while letting callers handle them uniformly (title, scales, change against the MCID).
public enum QuestionnaireScore: Hashable, Sendable {
    /// A pain rating.
    case nprs(NPRSScore)
    /// KOOS subscale scores.
    case koos(KOOSScore)
    /// A KOOS JR raw sum and interval score.
    case koosJR(KOOSJRScore)
    /// A LEFS total.
    case lefs(LEFSScore)
    /// An IKDC subjective score.
    case ikdc(IKDCScore)

    /// The instrument that produced the score.
    public var instrument: Instrument {
        switch self {
        case .nprs: .nprs
        case .koos: .koos
        case .koosJR: .koosJR
        case .lefs: .lefs
        case .ikdc: .ikdc
        }
    }

    /// Each reported scale with its value: KOOS subscales by name (nil when unscored), `score` otherwise.
    ///
    /// Comparing two scores walks these pairs, so the MCID logic needs no per-instrument code.
    public var scales: [(scale: String, value: Double?)] {
        switch self {
        case .nprs(let result): [("score", Double(result.score))]
        case .koos(let result): KOOS.Subscale.allCases.map { ($0.rawValue, result[$0]) }
        case .koosJR(let result): [("score", result.score)]
        case .lefs(let result): [("score", Double(result.score))]
        case .ikdc(let result): [("score", result.score)]
        }
    }
}

extension QuestionnaireScore: Codable {
    private enum CodingKeys: String, CodingKey { case instrument }

    /// Decodes any result shape by its `instrument` field.
    public init(from decoder: any Decoder) throws {
        let instrument = try decoder.container(keyedBy: CodingKeys.self).decode(Instrument.self, forKey: .instrument)
        switch instrument {
        case .nprs: self = .nprs(try NPRSScore(from: decoder))
        case .koos: self = .koos(try KOOSScore(from: decoder))
        case .koosJR: self = .koosJR(try KOOSJRScore(from: decoder))
        case .lefs: self = .lefs(try LEFSScore(from: decoder))
        case .ikdc: self = .ikdc(try IKDCScore(from: decoder))
        }
    }

    /// Encodes the instrument's own result shape.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .nprs(let result): try result.encode(to: encoder)
        case .koos(let result): try result.encode(to: encoder)
        case .koosJR(let result): try result.encode(to: encoder)
        case .lefs(let result): try result.encode(to: encoder)
        case .ikdc(let result): try result.encode(to: encoder)
        }
    }
}
