import Foundation
import RehabCore
import Yams

/// The words of the patient's pages in every language, one table per language (`Resources/strings/<code>.yaml`),
/// loaded once at start-up: a missing table, or two tables whose keys or placeholders differ, stops the server
/// from starting rather than showing a patient a blank.
///
/// A page, mail or message adds its words by adding the same keys to every table; templates read them as
/// `{{chrome.t.key}}`, and Swift fills a `{placeholder}` with `text(_:_:_:)`.
struct PageStrings: Sendable {
    /// Language → key → text.
    let tables: [Language: [String: String]]

    /// Loads the bundled tables.
    static func load() throws -> PageStrings {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("strings") else {
            throw WebStartupError(problem: "the strings folder is missing")
        }
        return try load(from: directory)
    }

    /// Loads and checks the tables of `directory`.
    static func load(from directory: URL) throws -> PageStrings {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let url = directory.appendingPathComponent("\(language.rawValue).yaml")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw WebStartupError(problem: "the page strings strings/\(language.rawValue).yaml are missing")
            }
            do {
                tables[language] = try YAMLDecoder().decode([String: String].self, from: data)
            } catch {
                throw WebStartupError(problem: "strings/\(language.rawValue).yaml is not a map of texts: \(error)")
            }
        }
        let strings = PageStrings(tables: tables)
        if let problem = strings.problems().first { throw WebStartupError(problem: problem) }
        return strings
    }

    /// Where the tables disagree: a key one table lacks, an empty text, or placeholders that differ.
    func problems() -> [String] {
        let english = tables[.english] ?? [:]
        var problems: [String] = []
        for language in Language.allCases {
            let table = tables[language] ?? [:]
            for key in Set(english.keys).symmetricDifference(table.keys).sorted() {
                problems.append("strings/\(language.rawValue).yaml and en.yaml differ at \(key)")
            }
            for (key, text) in table.sorted(by: { $0.key < $1.key }) {
                if text.isEmpty { problems.append("strings/\(language.rawValue).yaml: \(key) is empty") }
                if let base = english[key], Sentences.placeholders(base) != Sentences.placeholders(text) {
                    problems.append("strings/\(language.rawValue).yaml: \(key) has other placeholders than en.yaml")
                }
            }
        }
        return problems
    }

    /// The table of a language.
    func table(_ language: Language) -> [String: String] { tables[language] ?? [:] }

    /// The text of `key` in `language` with its placeholders filled; the key itself when no table has it (a
    /// test renders every page and catches that).
    func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        guard var text = tables[language]?[key] ?? tables[.english]?[key] else { return key }
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// What an error says to the reader: its own (English) message in English; in another language, the words
    /// for its field or its code when the tables have them (the code first when `codeFirst`, where one field has
    /// several codes, as a video has), else what its status means.
    func message(
        of error: WebError, _ language: Language, _ values: [String: String] = [:], codeFirst: Bool = false
    ) -> String {
        guard language != .english else { return error.message }
        let table = table(language)
        let byCode = table["error_code_\(error.code)"] != nil ? "error_code_\(error.code)" : nil
        let byField = error.field.flatMap { table["error_field_\($0)"] != nil ? "error_field_\($0)" : nil }
        let key = (codeFirst ? byCode ?? byField : byField ?? byCode) ?? "error_message_\(Self.kind(of: error))"
        return text(key, language, values)
    }

    /// The key suffix of an error's title and generic message: its status, or `4xx` and `5xx` for the rest.
    static func kind(of error: WebError) -> String {
        switch error.status.code {
        case 401, 403, 404, 413, 429: "\(error.status.code)"
        case 400..<500: "4xx"
        default: "5xx"
        }
    }

    /// The bundled tables, loaded once (start-up loads them first, so a broken table stops the server there).
    static let bundled: PageStrings = {
        do {
            return try load()
        } catch {
            preconditionFailure("the bundled page strings are invalid: \(error)")
        }
    }()

    /// The words of one language, for a page's Swift code.
    func words(_ language: Language) -> Words { Words(strings: self, language: language) }
}

/// One language's words: `words["key"]`, or `words("key", ["n": "3"])` with placeholders.
struct Words: Sendable {
    let strings: PageStrings
    /// The language.
    let language: Language

    subscript(_ key: String) -> String { strings.text(key, language) }

    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        strings.text(key, language, values)
    }

    /// The English words of the bundled tables, for clinicians' pages.
    static var english: Words { PageStrings.bundled.words(.english) }
}
