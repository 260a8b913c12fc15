import Foundation

/// The clinic's knowledge as loaded from the catalog files: exercises, protocols, progression thresholds and
/// measurement kinds.
///
/// A catalog is immutable once loaded and validated, so every plan computed from it can trust its references.
public struct Catalog: Sendable {
    /// Every exercise, by id.
    public let exercises: [ExerciseID: Exercise]
    /// Exercise ids in the order the catalog file lists them.
    public let exerciseIDs: [ExerciseID]
    /// One protocol per surgery or pathway.
    public let protocols: [SurgeryKind: RehabProtocol]
    /// The thresholds of the progression rules.
    public let progression: ProgressionSettings
    /// The red-flag thresholds and the emergency number.
    public let triage: TriagePolicy
    /// Each measurement kind's unit, range and accepted methods.
    public let measurements: MeasurementCatalog
    /// The RTM codes a month suggests.
    public let rtm: RTMCodeTable
    /// The sentences the program composes, in every language.
    public let sentences: Sentences
    /// The patient-facing texts in each language besides English.
    public let translations: [Language: CatalogTranslation]
    /// The language of this catalog's texts (`translated(to:)` makes the others).
    public let language: Language

    /// Builds a catalog from already-decoded parts; `CatalogLoader` validates before calling this.
    init(
        exercises: [Exercise], protocols: [RehabProtocol], progression: ProgressionSettings, triage: TriagePolicy,
        measurements: MeasurementCatalog, rtm: RTMCodeTable, sentences: Sentences,
        translations: [Language: CatalogTranslation], language: Language = .english
    ) {
        self.rtm = rtm
        self.sentences = sentences
        self.translations = translations
        self.language = language
        self.exerciseIDs = exercises.map(\.id)
        self.exercises = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.protocols = Dictionary(protocols.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.progression = progression
        self.triage = triage
        self.measurements = measurements
    }

    /// The exercise with this id; the catalog is validated, so protocol references always resolve.
    public func exercise(_ id: ExerciseID) -> Exercise? { exercises[id] }

    /// The protocol for a surgery or pathway.
    public func `protocol`(for kind: SurgeryKind) -> RehabProtocol {
        guard let found = protocols[kind] else {
            preconditionFailure("validated catalogs hold a protocol for every kind")
        }
        return found
    }

    /// Loads the bundled catalog, with a clinic's override directory laid over it file by file.
    public static func load(override: URL? = nil) throws(CatalogError) -> Catalog {
        try CatalogLoader(base: CatalogDirectory.bundled, override: override).load()
    }

    /// The problems of one catalog file a clinic wrote (`exercises.yaml`, `protocols/acl-reconstruction.yaml`, …),
    /// read from `text` as `load` reads the file of that name; empty when it reads. How it fits the rest of the
    /// catalog is checked only by `load`.
    public static func problems(inFile file: String, text: String) -> [CatalogError.Problem] {
        CatalogLoader.problems(file: file, text: text)
    }

    /// The catalog that ships with the program, loaded once.
    public static let bundled: Catalog = {
        do {
            return try Catalog.load()
        } catch {
            preconditionFailure("the bundled catalog is invalid: \(error)")
        }
    }()
}

/// Problems found while loading a catalog, each with its file and key path.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    /// One problem in one place.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file, relative to the catalog directory.
        public var file: String
        /// Where in the file, e.g. `exercises[wall-squat].ladder[2].dose.reps`.
        public var keyPath: String
        /// What is wrong.
        public var problem: String

        public var description: String { "\(file): \(keyPath): \(problem)" }
    }

    /// Every problem found.
    public var problems: [Problem]

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
