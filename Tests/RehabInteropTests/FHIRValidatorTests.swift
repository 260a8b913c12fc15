import Foundation
import RehabChildProcess
import RehabCore
import RehabInterop
import Testing

/// The exports validated as FHIR R4 by the outside validator, `tools/interop/validate_fhir.py` (PyPI
/// `fhir.resources` 6.4.0, which is R4 4.0.1), when `KNEEREHAB_TEST_INTEROP_PYTHON` names a Python that has it.
struct FHIRValidatorTests {
    static let python = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_INTEROP_PYTHON"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let skipped =
        "FHIR validation SKIPPED: KNEEREHAB_TEST_INTEROP_PYTHON is not set; make a virtual environment with "
        + "`pip install -r tools/interop/requirements.txt` and set it to its python3"

    @Test(.enabled(if: python != nil, Comment(rawValue: skipped)))
    func everyExportIsValidR4() async throws {
        let python = try #require(Self.python)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kneerehab-fhir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = []
        var bulk: [String: Data] = [:]
        // Three patients with distinct stored ids, so the bulk files hold each resource once.
        let exports = try [
            FHIRFixtures.export(.totalKneeReplacement, side: .left, patient: 1),
            FHIRFixtures.export(.aclReconstruction, side: .right, discharged: false, patient: 2),
            FHIRFixtures.export(.medialKneePain, side: .right, patient: 3),
        ]
        for (index, export) in exports.enumerated() {
            let file = directory.appendingPathComponent("bundle-\(index).json")
            try FHIRExport.bundle(export, catalog: FHIRFixtures.catalog, generatedAt: FHIRFixtures.now).write(to: file)
            files.append(file)
            for (type, line) in try FHIRExport.resources(export, catalog: FHIRFixtures.catalog) {
                bulk[type, default: Data()].append(line + Data("\n".utf8))
            }
        }
        for (type, data) in bulk {
            let file = directory.appendingPathComponent("\(type).ndjson")
            try data.write(to: file)
            files.append(file)
        }

        let (status, text) = try await Self.validate(python, files)
        #expect(status == 0, "\(text)")
        #expect(text.contains("valid"))
    }

    @Test(.enabled(if: python != nil, Comment(rawValue: skipped)))
    func theValidatorReportsEachProblemAndFails() async throws {
        let python = try #require(Self.python)
        let data = try FHIRExport.bundle(FHIRFixtures.export(), catalog: FHIRFixtures.catalog, generatedAt: .now)
        var text = String(decoding: data, as: UTF8.self)
        let patient = "urn:uuid:\(FHIRFixtures.uuid(2).uuidString.lowercased())"
        text = text.replacingOccurrences(of: "\"status\":\"revoked\"", with: "\"status\":\"superseded\"")
        text = text.replacingOccurrences(
            of: "\"reference\":\"\(patient)\"}", with: "\"reference\":\"urn:uuid:nowhere\"}")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kneerehab-broken-\(UUID()).json")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try await Self.validate(python, [file])
        #expect(status == 1)
        #expect(output.contains("status: 'superseded' is not in the R4 value set"))
        #expect(output.contains("urn:uuid:nowhere is not in the Bundle"))
    }

    /// Runs the validator on `files`: its exit status and what it printed.
    static func validate(_ python: String, _ files: [URL]) async throws -> (Int32, String) {
        let outcome = try await ChildProcess.run(
            python, [root.appendingPathComponent("tools/interop/validate_fhir.py").path] + files.map(\.path),
            errorOutput: .combinedWithOutput)
        return (outcome.exitStatus ?? -1, outcome.output)
    }
}
