import Foundation
import Yams

/// Reads the catalog files, lays a clinic's override over the bundled ones, and validates the whole.
struct CatalogLoader {
    /// The bundled catalog directory.
    let base: URL
    /// A clinic's directory whose files replace the bundled files of the same name.
    let override: URL?

    private struct ExerciseFile: Decodable { var exercises: [Exercise] }
    private struct MeasurementFile: Decodable { var measurements: [MeasurementSpec] }

    func load() throws(CatalogError) -> Catalog {
        var problems: [CatalogError.Problem] = []
        let exercises = decode(ExerciseFile.self, "exercises.yaml", &problems)?.exercises ?? []
        let progression = decode(ProgressionSettings.self, "progression.yaml", &problems)
        var protocols: [RehabProtocol] = []
        for kind in SurgeryKind.allCases {
            let file = "protocols/\(kind.rawValue).yaml"
            guard let loaded = decode(RehabProtocol.self, file, &problems) else { continue }
            if loaded.kind != kind {
                problems.append(
                    .init(file: file, keyPath: "kind", problem: "is \(loaded.kind.rawValue), expected \(kind.rawValue)")
                )
            }
            protocols.append(loaded)
        }
        let triage = loadTriage(&problems)
        let measurements = decode(MeasurementFile.self, "measurements.yaml", &problems)?.measurements ?? []
        let rtm = decode(RTMCodeTable.self, "rtm.yaml", &problems)
        let sentences = layered(Sentences.self, Self.sentencesFile, &problems) { $0.merged(with: $1) }
        var translations: [Language: CatalogTranslation] = [:]
        for language in Language.allCases where language != .english {
            translations[language] = layered(CatalogTranslation.self, Self.translationFile(language), &problems) {
                $0.merged(with: $1)
            }
        }
        guard problems.isEmpty, let progression, let triage, let rtm, let sentences else {
            throw CatalogError(problems: problems)
        }
        let validator = CatalogValidator(
            exercises: exercises, protocols: protocols, progression: progression, measurements: measurements)
        var found = validator.problems() + sentences.problems(file: Self.sentencesFile)
        let coverage = TranslationCoverage(exercises: exercises, protocols: protocols)
        for language in Language.allCases where language != .english {
            guard let translation = translations[language] else { continue }
            found += coverage.problems(translation, language: language)
        }
        guard found.isEmpty else { throw CatalogError(problems: found) }
        return Catalog(
            exercises: exercises, protocols: protocols, progression: progression, triage: triage,
            measurements: MeasurementCatalog(specs: measurements), rtm: rtm, sentences: sentences,
            translations: translations)
    }

    /// The file of the composed sentences.
    static let sentencesFile = "sentences.yaml"

    /// The file of a language's catalog texts.
    static func translationFile(_ language: Language) -> String { "translations/\(language.rawValue).yaml" }

    /// A file read from the bundled catalog with the override's copy laid over it entry by entry (rather than
    /// replacing it, as the other files are): a clinic adds or changes only the words it needs.
    private func layered<T: Decodable>(
        _ type: T.Type, _ file: String, _ problems: inout [CatalogError.Problem], merge: (T, T?) -> T
    ) -> T? {
        guard let bundled = decode(type, file, at: base.appendingPathComponent(file), &problems) else { return nil }
        guard let override, FileManager.default.fileExists(atPath: override.appendingPathComponent(file).path) else {
            return bundled
        }
        let laid = decode(type, file, at: override.appendingPathComponent(file), &problems)
        return merge(bundled, laid)
    }

    private func loadTriage(_ problems: inout [CatalogError.Problem]) -> TriagePolicy? {
        let directory = url(for: TriagePolicy.fileName).deletingLastPathComponent()
        do {
            return try TriagePolicy.load(from: directory)
        } catch let error as InvalidInput {
            problems.append(.init(file: TriagePolicy.fileName, keyPath: error.field, problem: error.problem))
        } catch let error as DecodingError {
            problems.append(Self.problem(from: error, file: TriagePolicy.fileName))
        } catch {
            problems.append(.init(file: TriagePolicy.fileName, keyPath: "(file)", problem: "\(error)"))
        }
        return nil
    }

    /// The file to read: the override's copy when it has one.
    func url(for file: String) -> URL {
        if let override {
            let candidate = override.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return base.appendingPathComponent(file)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ file: String, _ problems: inout [CatalogError.Problem]) -> T? {
        decode(type, file, at: url(for: file), &problems)
    }

    private func decode<T: Decodable>(
        _ type: T.Type, _ file: String, at url: URL, _ problems: inout [CatalogError.Problem]
    ) -> T? {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
        else {
            problems.append(.init(file: file, keyPath: "(file)", problem: "cannot be read"))
            return nil
        }
        return Self.decode(type, file, text: text, &problems)
    }

    /// Decodes one file's text, noting what is wrong with it in `problems`.
    static func decode<T: Decodable>(
        _ type: T.Type, _ file: String, text: String, _ problems: inout [CatalogError.Problem]
    ) -> T? {
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            problems.append(Self.problem(from: error, file: file))
        } catch {
            problems.append(.init(file: file, keyPath: "(file)", problem: "is not valid YAML: \(error)"))
        }
        return nil
    }

    /// The problems of one file's text, read as `load` reads the file of that name; only the file itself is
    /// checked, not how it fits the rest of the catalog.
    static func problems(file: String, text: String) -> [CatalogError.Problem] {
        var problems: [CatalogError.Problem] = []
        switch file {
        case "exercises.yaml": _ = decode(ExerciseFile.self, file, text: text, &problems)
        case "progression.yaml": _ = decode(ProgressionSettings.self, file, text: text, &problems)
        case "measurements.yaml": _ = decode(MeasurementFile.self, file, text: text, &problems)
        case "rtm.yaml": _ = decode(RTMCodeTable.self, file, text: text, &problems)
        case sentencesFile:
            if let sentences = decode(Sentences.self, file, text: text, &problems) {
                problems += sentences.problems(file: file)
            }
        case _ where file.hasPrefix("protocols/"): _ = decode(RehabProtocol.self, file, text: text, &problems)
        case _ where file.hasPrefix("translations/"): _ = decode(CatalogTranslation.self, file, text: text, &problems)
        default: problems.append(.init(file: file, keyPath: "(file)", problem: "is not a catalog file"))
        }
        return problems
    }

    static func problem(from error: DecodingError, file: String) -> CatalogError.Problem {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "(top)" : text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .init(file: file, keyPath: path(context.codingPath + [key]), problem: "is missing")
        case .typeMismatch(let type, let context):
            return .init(file: file, keyPath: path(context.codingPath), problem: "should be \(type)")
        case .valueNotFound(let type, let context):
            return .init(file: file, keyPath: path(context.codingPath), problem: "should be \(type), not empty")
        case .dataCorrupted(let context):
            return .init(file: file, keyPath: path(context.codingPath), problem: context.debugDescription)
        @unknown default:
            return .init(file: file, keyPath: "(file)", problem: "cannot be decoded")
        }
    }
}
