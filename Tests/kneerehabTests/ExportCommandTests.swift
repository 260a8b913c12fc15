import Foundation
import RehabCore
import RehabSQLite
import RehabWeb
import Testing

/// `kneerehab export` and `kneerehab rtm` on a SQLite file holding the demo clinic.
@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ExportCommandTests {
    /// A SQLite file with the demo clinic (six patients with weeks of history) as of today.
    static func demoDatabase() async throws -> String {
        let path = try StorageCommandDatabase.make("sqlite")
        let store = try SQLiteStore(path: path)
        let services = RehabServices(
            store: store, catalog: Catalog.bundled, questionnaires: try QuestionnaireCatalog.bundled())
        let now = Date()
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: now)
        let today = try #require(CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0))
        _ = try await DemoClinic.load(into: services, today: today, now: now, passwordCost: 4)
        return path
    }

    @Test func theWholeClinicIsWrittenAsOneNDJSONFilePerResourceType() async throws {
        let database = try await Self.demoDatabase()
        let folder = try StorageCommandDatabase.directory().appendingPathComponent("bulk")
        let run = try await KneeRehabBinary.run(
            ["export", "--all", "--as", "ndjson", folder.path, "--database", database], input: "")
        #expect(run.status == 0, "\(run.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.contains("Patient.ndjson") && files.contains("Observation.ndjson"))
        for file in files {
            let type = String(file.dropLast(".ndjson".count))
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(run.out.contains("\(file)\t\(lines.count)\n"))
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["resourceType"] as? String == type)
            }
        }
        let patients = try String(contentsOf: folder.appendingPathComponent("Patient.ndjson"), encoding: .utf8)
        #expect(patients.split(separator: "\n").count == 6)
    }

    @Test func oneBadArgumentIsOneLine() async throws {
        let database = try StorageCommandDatabase.make("sqlite")
        for (arguments, message) in [
            (["export", "--patient", "nope", "--as", "fhir"], "--patient:"),
            (["export", "--all", "--as", "fhir", "/tmp/x"], "--as: must be ndjson with --all"),
            (["rtm", "--clinician", "nobody@clinic.test", "--month", "2026-13"], "--month:"),
        ] {
            let run = try await KneeRehabBinary.run(arguments + ["--database", database], input: "")
            #expect(run.status == 1 && run.err.split(separator: "\n").count == 1 && run.err.contains(message))
        }
    }

    @Test func theRTMMonthAsCSV() async throws {
        let database = try await Self.demoDatabase()
        let run = try await KneeRehabBinary.run(
            ["rtm", "--clinician", "therapist@demo.kneerehab.test", "--format", "csv", "--database", database],
            input: "")
        #expect(run.status == 0, "\(run.err)")
        let lines = run.out.split(separator: "\r\n")
        #expect(lines.count == 7, "a header and the six demo patients")
    }
}
