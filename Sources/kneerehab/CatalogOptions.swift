import ArgumentParser
import Foundation
import RehabCore

/// The `--catalog DIR` option shared by every command that reads clinical content.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("catalog"), help: "A clinic's catalog directory whose files replace the bundled ones.")
    var directory: String?

    /// The bundled catalog, or the bundled one with the clinic's files laid over it.
    func load() throws(InputError) -> Catalog {
        guard let directory = try overrideDirectory() else { return Catalog.bundled }
        do {
            return try Catalog.load(override: directory)
        } catch {
            let first = error.problems.first.map(\.description) ?? "invalid catalog"
            throw InputError(field: "--catalog", problem: first)
        }
    }

    /// The questionnaires: the clinic's `questionnaires.yaml` when its directory has one, else the bundled file.
    func questionnaires() throws(InputError) -> QuestionnaireCatalog {
        var source = CatalogDirectory.bundled
        if let directory = try overrideDirectory(),
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("questionnaires.yaml").path)
        {
            source = directory
        }
        do {
            return try QuestionnaireCatalog.load(from: source)
        } catch {
            throw InputError(field: directory == nil ? "catalog" : "--catalog", problem: error.description)
        }
    }

    /// The clinic's directory, checked to exist; nil without `--catalog`.
    private func overrideDirectory() throws(InputError) -> URL? {
        guard let directory else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw InputError(field: "--catalog", problem: "\(directory) is not a directory") }
        return URL(fileURLWithPath: directory)
    }
}

/// Parsing of the command line's plain values into core values, with errors naming the option.
enum ArgumentValues {
    static func date(_ text: String, option: String) throws(InputError) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw InputError(field: option, problem: "\"\(text)\" is not a real date in the form YYYY-MM-DD")
        }
        return date
    }

    /// `--today`, or the current date in this machine's time zone.
    static func today(_ text: String?) throws(InputError) -> CalendarDate {
        if let text { return try date(text, option: "--today") }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let today = CalendarDate(year: year, month: month, day: day)
        else { throw InputError(field: "--today", problem: "the system date cannot be read; pass --today") }
        return today
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, option: String) throws(InputError) -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(field: option, problem: "\"\(text)\" is not one of \(allowed)")
        }
        return value
    }
}
