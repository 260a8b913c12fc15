import Foundation
import RehabChildProcess
import Testing

/// Runs the outside validators (`tools/interop/validate_ics.py`, `validate_csv.py`) on files the tests wrote, with
/// the Python named by `KNEEREHAB_TEST_INTEROP_PYTHON` (one with PyPI `icalendar` installed).
enum CSVCalendarValidator {
    /// The Python to run, when the environment names one.
    static let python: String? = {
        guard let path = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_INTEROP_PYTHON"], !path.isEmpty else {
            return nil
        }
        return path
    }()

    /// Why the outside checks are skipped.
    static let skipReason: Comment = """
        set KNEEREHAB_TEST_INTEROP_PYTHON to a Python with PyPI icalendar (tools/interop/requirements.txt) \
        to run the outside validators
        """

    /// The repository's `tools/interop` folder.
    static let toolsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/interop")

    /// Writes each document to its own file in a fresh folder, runs `script` on them all and returns its exit
    /// status and output.
    static func run(_ script: String, documents: [(name: String, text: String)]) async throws -> (
        status: Int32, output: String
    ) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kneerehab-interop-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for document in documents {
            let file = folder.appendingPathComponent(document.name)
            try Data(document.text.utf8).write(to: file)
            files.append(file.path)
        }
        let outcome = try await ChildProcess.run(
            python ?? "/usr/bin/python3", [toolsDirectory.appendingPathComponent(script).path] + files,
            errorOutput: .combinedWithOutput)
        return (outcome.exitStatus ?? -1, outcome.output)
    }
}
