/// The kind of surgery, or the non-operative pathway, that a protocol is written for.
public enum SurgeryKind: String, Codable, CaseIterable, Sendable {
    case totalKneeReplacement = "total-knee-replacement"
    case aclReconstruction = "acl-reconstruction"
    case meniscusRepair = "meniscus-repair"
    case partialMeniscectomy = "partial-meniscectomy"
    case mclReconstruction = "mcl-reconstruction"
    case medialKneePain = "medial-knee-pain"
}

/// The operated (or painful) side.
public enum Side: String, Codable, CaseIterable, Sendable {
    case left, right

    /// The other leg, used for limb symmetry.
    public var other: Side { self == .left ? .right : .left }
}

/// An exercise's stable identifier, e.g. `wall-squat`.
public struct ExerciseID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The identifier as written in the catalog and the API.
    public let rawValue: String
    /// Wraps a raw identifier.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps a literal identifier.
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
    public static func < (lhs: ExerciseID, rhs: ExerciseID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Patient-reported swelling, the home proxy for the stroke-test effusion grade (docs/clinical-sources.md §0.1).
public enum Swelling: String, Codable, CaseIterable, Sendable, Comparable {
    case none, mild, moderate, severe

    /// Order from none to severe.
    public var rank: Int {
        switch self {
        case .none: 0
        case .mild: 1
        case .moderate: 2
        case .severe: 3
        }
    }

    public static func < (lhs: Swelling, rhs: Swelling) -> Bool { lhs.rank < rhs.rank }
}

/// How hard an exercise felt to the patient.
public enum Difficulty: String, Codable, CaseIterable, Sendable {
    case easy, right, hard
}
