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
            return try InvalidInput.decode(type, from: data, root: root)
        } catch {
            throw InputError(error)
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
}
