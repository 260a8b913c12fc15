import ArgumentParser
import Foundation
import RehabCore

/// `kneerehab catalog`: lists the exercises and protocols, or checks a clinic's override directory.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "List the exercises and protocols, or check a clinic's catalog directory.")

    @Option(help: "text or json.") var format: OutputFormat = .text
    @Option(name: .customLong("check"), help: "Validate this override directory and report every problem.")
    var checkDirectory: String?
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        if let checkDirectory { return try check(checkDirectory) }
        let catalog = try catalogOptions.load()
        let exercises = catalog.exerciseIDs.compactMap(catalog.exercise)
        let protocols = SurgeryKind.allCases.map(catalog.protocol(for:))
        switch format {
        case .json:
            try CommandIO.printJSON(CatalogListing(exercises: exercises, protocols: protocols))
        case .text:
            print("EXERCISES")
            for exercise in exercises {
                print(
                    "  \(exercise.id.rawValue.padding(28))\(exercise.name) (\(exercise.category.rawValue), \(exercise.ladder.count) levels)"
                )
            }
            print("\nPROTOCOLS")
            for item in protocols {
                let phases = item.phases.map { "\($0.name) (week \($0.fromWeek)\($0.toWeek.map { "–\($0)" } ?? "+"))" }
                print("  \(item.kind.rawValue.padding(28))\(item.name): \(phases.joined(separator: "; "))")
            }
        }
    }

    private func check(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw InputError(field: "--check", problem: "\(directory) is not a directory") }
        do {
            let catalog = try Catalog.load(override: URL(fileURLWithPath: directory))
            print("catalog OK: \(catalog.exercises.count) exercises, \(catalog.protocols.count) protocols")
        } catch {
            for problem in error.problems {
                FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
            }
            throw ExitCode(1)
        }
    }
}

/// The JSON form of `kneerehab catalog`.
struct CatalogListing: Encodable {
    let exercises: [Exercise]
    let protocols: [RehabProtocol]
}

extension String {
    /// The string padded with spaces to `width` characters, for aligned text columns.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
