/// One question of a questionnaire: its id, a plain-language label and the answers it accepts.
///
/// Labels are short descriptions written for KneeRehab, not the instruments' official wording, so a page can
/// show one question per screen without reproducing a licensed form.
public struct QuestionnaireItem: Codable, Hashable, Sendable {
    /// Whether an answer of 0 is the best or the worst state.
    ///
    /// Instruments differ (KOOS counts problems, LEFS counts ability), so a page needs this to draw its scale.
    public enum ZeroMeans: String, Codable, Sendable {
        /// 0 = no problem (KOOS, NPRS, IKDC pain items).
        case best
        /// 0 = extreme difficulty or unable (LEFS, most IKDC items).
        case worst
    }

    /// The item id used as the key in the answers object, e.g. `P3` or `9a`.
    public let id: String
    /// What the question is about, in our own words.
    public let label: String
    /// The smallest accepted answer.
    public let minimum: Int
    /// The largest accepted answer.
    public let maximum: Int
    /// Whether 0 is the best or the worst answer.
    public let zeroMeans: ZeroMeans
    /// The subscale the item belongs to (KOOS), or nil.
    public let scale: String?
    /// False for an item that is asked but not scored (IKDC 10a, function before the injury).
    public let scored: Bool

    /// Makes an item description.
    public init(
        id: String, label: String, range: ClosedRange<Int>, zeroMeans: ZeroMeans, scale: String? = nil,
        scored: Bool = true
    ) {
        self.id = id
        self.label = label
        self.minimum = range.lowerBound
        self.maximum = range.upperBound
        self.zeroMeans = zeroMeans
        self.scale = scale
        self.scored = scored
    }

    /// The accepted answers as a range.
    public var range: ClosedRange<Int> { minimum...maximum }
}
