import Foundation

/// The sentences the program composes for a patient, in every language, keyed by the id of the rule that decided
/// (`catalog/sentences.yaml`).
///
/// The rules decide in Swift; the words are data, so a stored plan's rule ids can be rendered again in another
/// language, and a clinic can change a sentence without touching code.
public struct Sentences: Sendable, Decodable {
    /// Key → language code → template with `{placeholder}`s.
    let entries: [String: [String: String]]

    private enum CodingKeys: String, CodingKey { case sentences }

    /// Makes a table from templates.
    init(entries: [String: [String: String]]) { self.entries = entries }

    /// Reads the `sentences:` map.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entries = try container.decode([String: [String: String]].self, forKey: .sentences)
    }

    /// The sentence for `key` in `language`, its placeholders filled from `values`.
    ///
    /// The catalog validator has checked that every key the program uses exists in every language, so a missing
    /// one is a programming error.
    public func text(_ key: String, in language: Language = .english, _ values: [String: String] = [:]) -> String {
        guard let template = entries[key]?[language.rawValue] else {
            preconditionFailure("validated catalogs hold every sentence in every language")
        }
        guard !values.isEmpty else { return template }
        var text = template
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// These sentences with `override`'s entries in place of the same keys.
    func merged(with override: Sentences?) -> Sentences {
        guard let override else { return self }
        return Sentences(entries: entries.merging(override.entries) { _, new in new })
    }

    /// The sentences of the bundled catalog.
    public static var bundled: Sentences { Catalog.bundled.sentences }

    /// Every key the program asks for.
    static let requiredKeys: [String] =
        ProgressionRules.ordered.map(\.id) + [
            "sessions-two", "sessions-many", "pain-range", "first-time", "limit-this-week", "highest-step-for-now",
            "lowest-step", "phase-start", "clinician-set", "as-needed", Discharge.rule, "ice-skip-if", "ice-today",
            "ice-when-needed", "ice-minutes", "ice-plan-time", "notice",
        ] + RedFlagRule.sentenceKeys

    /// What is missing or inconsistent: a required key without a sentence in some language, or a translation
    /// whose placeholders differ from the English one's.
    func problems(file: String) -> [CatalogError.Problem] {
        var problems: [CatalogError.Problem] = []
        for key in Self.requiredKeys where entries[key] == nil {
            problems.append(.init(file: file, keyPath: "sentences.\(key)", problem: "is missing"))
        }
        for (key, texts) in entries.sorted(by: { $0.key < $1.key }) {
            let english = texts[Language.english.rawValue].map(Self.placeholders)
            for language in Language.allCases {
                guard let text = texts[language.rawValue], !text.isEmpty else {
                    problems.append(
                        .init(
                            file: file, keyPath: "sentences.\(key).\(language.rawValue)",
                            problem: "has no \(language.ownName) text"))
                    continue
                }
                if let english, Self.placeholders(text) != english {
                    problems.append(
                        .init(
                            file: file, keyPath: "sentences.\(key).\(language.rawValue)",
                            problem: "uses placeholders \(Self.placeholders(text).sorted()), not \(english.sorted())"))
                }
            }
        }
        return problems
    }

    /// The `{name}`s of a template.
    public static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
