/// A questionnaire KneeRehab can score, named as in the command line and the API.
///
/// One closed list keeps the command line, the API path and the stored scores in step: adding an instrument
/// means adding a case here and the compiler points at every place that must learn about it.
public enum Instrument: String, Codable, CaseIterable, Sendable {
    /// Numeric pain rating scale, 0–10.
    case nprs
    /// Knee injury and Osteoarthritis Outcome Score, five subscales.
    case koos
    /// KOOS joint replacement short form, seven items.
    case koosJR = "koos-jr"
    /// Lower Extremity Functional Scale, 20 items.
    case lefs
    /// IKDC subjective knee form (2000).
    case ikdc

    /// The name to show a person, e.g. "KOOS JR".
    ///
    /// Text output and web pages need a readable title; the raw value is an identifier.
    public var title: String {
        switch self {
        case .nprs: "Pain rating (NPRS)"
        case .koos: "KOOS"
        case .koosJR: "KOOS JR"
        case .lefs: "LEFS"
        case .ikdc: "IKDC subjective knee form"
        }
    }

    /// The items in the order the form asks them, with labels and answer ranges.
    ///
    /// The web app asks one question per screen from this list, and validation uses the same ranges, so the
    /// page and the scorer cannot disagree about what an answer may be.
    public var items: [QuestionnaireItem] {
        switch self {
        case .nprs: NPRS.items
        case .koos: KOOS.items
        case .koosJR: KOOSJR.items
        case .lefs: LEFS.items
        case .ikdc: IKDC.items
        }
    }
}
