import ArgumentParser
import Foundation
import RehabCore

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Shared input and output for the commands: reading a file or standard input, decoding JSON with errors that
/// name the field, and printing JSON the same way everywhere.
enum CommandIO {
    /// Reads a whole file, or standard input when `path` is `-`.
    static func read(_ path: String, argument: String) throws(InputError) -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(field: argument, problem: "cannot read file \(path)")
        }
        return data
    }

    /// Decodes `T` from JSON, turning decoding failures into one line that names the JSON path.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, root: String) throws(InputError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw InputError(decoding: error, root: root)
        } catch let error as InvalidInput {
            throw InputError(field: error.field, problem: error.problem)
        } catch {
            throw InputError(field: root, problem: "is not valid JSON")
        }
    }

    /// Prints a value as pretty, key-sorted JSON on standard output.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

extension InputError {
    /// Maps a core validation error onto the command line's error.
    init(_ invalid: InvalidInput) {
        self.init(field: invalid.field, problem: invalid.problem)
    }

    /// Describes a `DecodingError` by the JSON path it happened at, without echoing the document's content.
    init(decoding error: DecodingError, root: String) {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = root
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += ".\(key.stringValue)" }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: path(context.codingPath, key), problem: "is missing")
        case .typeMismatch(let type, let context):
            self.init(field: path(context.codingPath), problem: "should be \(InputError.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(field: path(context.codingPath), problem: "should be \(InputError.describe(type)), not null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                self.init(field: root, problem: "is not valid JSON")
            } else {
                self.init(field: path(context.codingPath), problem: InputError.corruptionProblem(context))
            }
        @unknown default:
            self.init(field: root, problem: "could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    private static func corruptionProblem(_ context: DecodingError.Context) -> String {
        let message = context.debugDescription
        if message.hasPrefix("Cannot initialize") {
            return "has a value that is not one of the allowed words"
        }
        return message
    }
}
