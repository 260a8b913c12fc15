import Foundation

/// A language the patient's pages and plan can be shown in.
///
/// English is the language the catalog is written in; every other language is data beside it
/// (`catalog/translations/`, `catalog/sentences.yaml`), so adding words never means adding code.
public enum Language: String, Codable, CaseIterable, Sendable {
    /// English, the catalog's own language.
    case english = "en"
    /// Spanish, written for an older patient (usted, short sentences).
    case spanish = "es"

    /// The language of a code such as `es`, `es-MX` or `EN_gb`; nil when it names no language we have.
    public init?(code: String) {
        let primary = code.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "-" || $0 == "_" })
            .first.map { $0.lowercased() }
        guard let primary, let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// The language the browser prefers most among ours, from an `Accept-Language` header (RFC 9110 §12.5.4):
    /// ranges are weighed by their `q` value (1 when absent; 0 means "not this one"; a range whose `q` is not a
    /// number from 0 to 1 is ignored), ties keep the header's order, and `*` means any language, which is English.
    /// Nil when the header names none of ours.
    public static func preferred(acceptLanguage header: String?) -> Language? {
        guard let header else { return nil }
        var best: (language: Language, weight: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first, !range.isEmpty, let weight = Self.weight(pieces.dropFirst()), weight > 0,
                let language = range == "*" ? .english : Language(code: range)
            else { continue }
            if weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language
    }

    /// The weight of a range's parameters: its `q`, 1 without one, nil when the `q` is malformed.
    private static func weight(_ parameters: ArraySlice<String>) -> Double? {
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "q" else { continue }
            guard let value = Double(pair[1]), (0...1).contains(value) else { return nil }
            return value
        }
        return 1
    }

    /// The language of the page, plan and mails: the patient's own choice, else the browser's, else English.
    public static func resolve(chosen: Language?, acceptLanguage: String?) -> Language {
        chosen ?? preferred(acceptLanguage: acceptLanguage) ?? .english
    }

    /// The language's name in its own words, for a chooser.
    public var ownName: String {
        switch self {
        case .english: "English"
        case .spanish: "Español"
        }
    }
}
