/// The catalog's patient-facing texts in one other language, keyed by id (`catalog/translations/<code>.yaml`).
///
/// The English stays in the catalog files, where clinicians read it beside its sources; the translation sits in
/// a parallel file so the catalog stays readable. A clinic's override may hold its own translation file: each of
/// its exercises and protocols replaces the bundled entry of the same id, so a clinic that adds an exercise adds
/// its words and nothing else.
public struct CatalogTranslation: Sendable, Decodable {
    /// An exercise's words; every list has the English list's length and order.
    public struct ExerciseText: Sendable, Decodable {
        /// The name.
        public var name: String
        /// Why it helps.
        public var purpose: String
        /// How to do it.
        public var steps: [String]
        /// What to check while doing it.
        public var cues: [String]
        /// The ladder's step names, easiest first.
        public var ladder: [String]
        /// The restrictions' texts, in the English order.
        public var restrictions: [String]
        /// The contraindications, in the English order.
        public var contraindications: [String]
    }

    /// A phase's words.
    public struct PhaseText: Sendable, Decodable {
        /// The phase name.
        public var name: String
        /// The precautions' texts, in the English order.
        public var precautions: [String]
    }

    /// A protocol's words.
    public struct ProtocolText: Sendable, Decodable {
        /// The protocol's name.
        public var name: String
        /// The loaded-flexion limits' texts, in the English order.
        public var loadedFlexionLimits: [String]
        /// Each phase by id.
        public var phases: [String: PhaseText]
    }

    /// A licensed translation of a validated questionnaire's items, which a clinic may add in its override (we may
    /// not write our own): item id → text, answer key → text.
    public struct InstrumentText: Sendable, Decodable {
        /// Item id → the item's question.
        public var items: [String: String]
        /// Answer choices, by the English label.
        public var answers: [String: String]?
    }

    /// Exercises by id.
    public var exercises: [String: ExerciseText]
    /// Protocols by surgery kind.
    public var protocols: [String: ProtocolText]
    /// Licensed questionnaire translations by instrument id; empty in the bundled catalog.
    public var questionnaires: [String: InstrumentText]

    private enum CodingKeys: String, CodingKey { case exercises, protocols, questionnaires }

    /// Reads a translation file; every section may be left out of an override.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exercises = try c.decodeIfPresent([String: ExerciseText].self, forKey: .exercises) ?? [:]
        protocols = try c.decodeIfPresent([String: ProtocolText].self, forKey: .protocols) ?? [:]
        questionnaires = try c.decodeIfPresent([String: InstrumentText].self, forKey: .questionnaires) ?? [:]
    }

    /// This translation with `override`'s entries in place of the same ids.
    func merged(with override: CatalogTranslation?) -> CatalogTranslation {
        guard let override else { return self }
        var merged = self
        merged.exercises.merge(override.exercises) { _, new in new }
        merged.protocols.merge(override.protocols) { _, new in new }
        merged.questionnaires.merge(override.questionnaires) { _, new in new }
        return merged
    }
}
