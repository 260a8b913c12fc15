import Foundation
import Hummingbird
import HummingbirdTesting
import RehabChildProcess
import RehabCore
import Testing

@testable import RehabWeb

/// The progress report: HTML with print styles for a date range, and the same page as PDF through headless
/// Chromium (checked with `pdftotext`) where both are installed.
struct ReportTests {
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test func theReportCoversTheRangeAskedForWithChartsAndOnlyForTheOwner() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            let report = try await client.execute(
                uri: "/api/v1/patients/\(id)/report?from=2026-11-01&to=2026-11-20", method: .get, headers: clinician)
            #expect(report.status == .ok)
            let html = Body.text(report)
            #expect(html.contains("<h1>Progress report</h1>") && html.contains("From 2026-11-01 to 2026-11-20."))
            #expect(html.contains("Rosa Díaz") && html.contains("<svg") && html.contains("report.pdf?from=2026-11-01"))
            let bad = try await client.execute(
                uri: "/api/v1/patients/\(id)/report?from=2026-11-21&to=2026-11-20", method: .get, headers: clinician)
            #expect(try Body.error(bad).field == "from")
            let other = try await client.signIn("ben@clinic.test")
            #expect(
                try await client.execute(uri: "/api/v1/patients/\(id)/report", method: .get, headers: other).status
                    == .notFound)
            #expect(
                try await client.execute(uri: "/api/v1/patients/\(id)/report", method: .get).status == .unauthorized)
            let audit = try await harness.services.store.auditEntries(
                AuditQuery(patientID: try #require(PatientID(uuidString: id))))
            #expect(audit.filter { $0.action == .recordExport }.count == 1, "the report read is recorded as an export")
        }
    }

    @Test(
        .enabled(if: ReportPDF.find().browser != nil && ReportTests.pdftotext != nil, "Chromium or pdftotext missing"))
    func thePDFIsTheSameReport() async throws {
        let harness = try await WebHarness.make()
        try await harness.live { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            _ = try await client.execute(
                uri: "/api/v1/me/questionnaires/nprs", method: .post, headers: patient, body: Body.json(#"{"pain":4}"#))
            let response = try await client.execute(
                uri: "/api/v1/patients/\(id)/report.pdf", method: .get, headers: clinician)
            #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).pdf")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(buffer: response.body).write(to: file)
            let text = try await ChildProcess.run(try #require(Self.pdftotext), [file.path, "-"]).output
            #expect(text.contains("Progress report") && text.contains("Rosa Díaz") && text.contains("Attendance"))
        }
    }
}
