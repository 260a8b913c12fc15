import Foundation
import RehabCore
import Testing

struct TriagePolicyTests {
    @Test func bundledDefaultsComeFromTheCatalog() throws {
        #expect(bundledPolicy.feverCelsius == 38.0)
        #expect(bundledPolicy.emergencyNumber == "911")
        #expect(bundledPolicy.urgentPain == 8)
        #expect(bundledPolicy.modifyPain == 3)
        try bundledPolicy.validate()
    }

    @Test func everySettingInTheFileCarriesASource() throws {
        let text = try String(
            contentsOf: CatalogDirectory.bundled.appendingPathComponent("triage.yaml"), encoding: .utf8)
        let settings = text.split(separator: "\n").filter {
            !$0.hasPrefix(" ") && !$0.hasPrefix("#") && $0.hasSuffix(":")
        }
        let sources = text.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("source:")
        }
        #expect(settings.count == 9)
        #expect(sources.count == settings.count)
    }

    @Test(
        arguments: [
            ("feverCelsius", { @Sendable (p: inout TriagePolicy) in p.feverCelsius = 42 }),
            ("emergencyNumber", { @Sendable (p: inout TriagePolicy) in p.emergencyNumber = "" }),
            ("emergencyNumber", { @Sendable (p: inout TriagePolicy) in p.emergencyNumber = "call me" }),
            ("modifyPain", { @Sendable (p: inout TriagePolicy) in p.contactPain = 2 }),
            ("repeatWindowDays", { @Sendable (p: inout TriagePolicy) in p.repeatWindowDays = 0 }),
        ] as [(String, @Sendable (inout TriagePolicy) -> Void)])
    func validateNamesTheBadSetting(field: String, edit: @Sendable (inout TriagePolicy) -> Void) {
        var policy = bundledPolicy
        edit(&policy)
        do {
            try policy.validate()
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == field)
        }
    }

    @Test func loadReportsTheFileAndSetting() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try String(
            contentsOf: CatalogDirectory.bundled.appendingPathComponent("triage.yaml"), encoding: .utf8)
        let changed = original.replacingOccurrences(of: "value: 38.0", with: "value: 45.0")
        try changed.write(to: directory.appendingPathComponent("triage.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try TriagePolicy.load(from: directory)
            Issue.record("expected a refusal")
        } catch let error as InvalidInput {
            #expect(error.field == "triage.yaml: feverCelsius.value")
        }
        try original.replacingOccurrences(of: "value: 38.0", with: "value: hot")
            .write(to: directory.appendingPathComponent("triage.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: InvalidInput.self) { try TriagePolicy.load(from: directory) }
    }

    @Test func roundTripsAsJSON() throws {
        let data = try JSONEncoder().encode(bundledPolicy)
        #expect(try JSONDecoder().decode(TriagePolicy.self, from: data) == bundledPolicy)
    }
}
