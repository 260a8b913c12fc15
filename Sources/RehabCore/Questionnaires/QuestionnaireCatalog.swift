import Foundation
import Yams

/// The numbers that scoring and interpretation need — the KOOS JR conversion table and the minimal clinically
/// important differences — loaded from `questionnaires.yaml` with their sources.
///
/// Keeping them as data lets a clinician review every number next to its source and lets a clinic replace a
/// threshold without a new build; the scorers themselves stay pure functions.
public struct QuestionnaireCatalog: Codable, Hashable, Sendable {
    /// The KOOS JR raw-sum → interval-score table.
    public let koosJR: KOOSJRTable
    /// Every MCID threshold, in file order (the first listed for a scale is its main one).
    public let mcid: [MCIDThreshold]

    /// Makes a catalog from its parts.
    public init(koosJR: KOOSJRTable, mcid: [MCIDThreshold]) {
        self.koosJR = koosJR
        self.mcid = mcid
    }

    /// The file name inside a catalog directory.
    public static let fileName = "questionnaires.yaml"

    /// Reads `questionnaires.yaml` from a catalog directory.
    ///
    /// Throws `InvalidInput` naming the file and key path when the file is missing or malformed.
    public static func load(from directory: URL) throws(InvalidInput) -> QuestionnaireCatalog {
        try CatalogYAML.decode(QuestionnaireCatalog.self, file: directory.appendingPathComponent(fileName))
    }

    /// The catalog bundled with the program.
    public static func bundled() throws(InvalidInput) -> QuestionnaireCatalog {
        try load(from: CatalogDirectory.bundled)
    }

    /// Validates and scores answers for one instrument.
    ///
    /// The single entry point for the command line and the API; throws naming `answers.<item>` on bad input.
    public func score(_ instrument: Instrument, answers: QuestionnaireAnswers) throws(InvalidInput)
        -> QuestionnaireScore
    {
        switch instrument {
        case .nprs: .nprs(try NPRS.score(answers))
        case .koos: .koos(try KOOS.score(answers))
        case .koosJR: .koosJR(try KOOSJR.score(answers, table: koosJR))
        case .lefs: .lefs(try LEFS.score(answers))
        case .ikdc: .ikdc(try IKDC.score(answers))
        }
    }
}

/// Decodes the catalog's YAML files and reports problems by file and key path.
enum CatalogYAML {
    /// Reads and decodes one YAML file.
    static func decode<T: Decodable>(_ type: T.Type, file: URL) throws(InvalidInput) -> T {
        let name = file.lastPathComponent
        guard let data = FileManager.default.contents(atPath: file.path),
            let text = String(data: data, encoding: .utf8)
        else {
            throw InvalidInput(field: name, problem: "cannot be read")
        }
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as InvalidInput {
            throw InvalidInput(field: "\(name): \(error.field)", problem: error.problem)
        } catch let error as DecodingError {
            throw describe(error, file: name)
        } catch {
            throw InvalidInput(field: name, problem: "is not valid YAML")
        }
    }

    private static func describe(_ error: DecodingError, file: String) -> InvalidInput {
        func field(_ keys: [any CodingKey]) -> String {
            let path = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return path.isEmpty ? file : "\(file): \(path.drop { $0 == "." })"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return InvalidInput(field: field(context.codingPath + [key]), problem: "is missing")
        case .dataCorrupted(let context):
            if let inner = context.underlyingError as? InvalidInput {
                return InvalidInput(field: "\(file): \(inner.field)", problem: inner.problem)
            }
            if context.codingPath.isEmpty { return InvalidInput(field: file, problem: "is not valid YAML") }
            return InvalidInput(field: field(context.codingPath), problem: "has a value of the wrong kind")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return InvalidInput(field: field(context.codingPath), problem: "has a value of the wrong kind")
        @unknown default:
            return InvalidInput(field: file, problem: "could not be read")
        }
    }
}
