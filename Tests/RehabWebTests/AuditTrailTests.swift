import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// The admin's audit trail through the API, the CSV and the page: filters narrow it, bad filters are named, and
/// only an admin reads it.
struct AuditTrailTests {
    @Test func anAdminFiltersTheTrailAndDownloadsIt() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            _ = try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician)
            let admin = try await client.signIn("root@clinic.test")
            let reads = try Body.array(
                try await client.execute(
                    uri: "/api/v1/admin/audit?patient=\(id)&action=record.read", method: .get, headers: admin))
            #expect(reads.count == 1)
            #expect(reads.first?["accountEmail"] as? String == "ana@clinic.test")
            #expect(reads.first?["patientName"] as? String == "Rosa Díaz")
            #expect(reads.first?["accountRole"] as? String == "clinician")
            let all = try Body.array(
                try await client.execute(uri: "/api/v1/admin/audit?patient=\(id)", method: .get, headers: admin))
            #expect(Set(all.compactMap { $0["action"] as? String }).isSuperset(of: ["patient.create", "record.read"]))
            let none = try Body.array(
                try await client.execute(
                    uri: "/api/v1/admin/audit?patient=\(id)&to=2026-11-24", method: .get, headers: admin))
            #expect(none.isEmpty, "everything happened on the 25th")
            let today = try Body.array(
                try await client.execute(
                    uri: "/api/v1/admin/audit?patient=\(id)&from=2026-11-25&to=2026-11-25", method: .get,
                    headers: admin))
            #expect(today.count == all.count)
            let csv = try await client.execute(
                uri: "/api/v1/admin/audit?patient=\(id)&as=csv", method: .get, headers: admin)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = Body.text(csv).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == CSVColumns.audit && lines.count == all.count + 1)
            #expect(lines.dropFirst().allSatisfy { $0.contains("Rosa Díaz") })
        }
    }

    @Test(arguments: [
        ("patient=nope", "patient"), ("account=1", "account"), ("action=record.eat", "action"),
        ("from=2026-13-01", "from"), ("from=2026-11-25&to=2026-11-20", "to"), ("limit=0", "limit"),
        ("limit=99999", "limit"),
    ])
    func badFiltersNameTheParameter(_ query: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let admin = try await client.signIn("root@clinic.test")
            let response = try await client.execute(uri: "/api/v1/admin/audit?\(query)", method: .get, headers: admin)
            #expect(response.status.code / 100 == 4)
            #expect(try Body.error(response).field == field)
        }
    }

    @Test func onlyAnAdminReadsTheTrail() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (_, patient) = try await client.addPatient(clinician: clinician)
            for headers in [clinician, patient] {
                #expect(
                    try await client.execute(uri: "/api/v1/admin/audit", method: .get, headers: headers).status
                        == .forbidden)
            }
            #expect(try await client.execute(uri: "/api/v1/admin/audit", method: .get).status == .unauthorized)
        }
    }

    @Test func thePageListsAndLinksTheDownload() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            var admin = PageClient(client)
            _ = try await admin.signIn("root@clinic.test")
            let page = Body.text(try await admin.get("/admin/audit?patient=\(id)&action=patient.create"))
            #expect(page.contains("Ana Pérez, PT (clinician)") && page.contains("patient.create"))
            #expect(page.contains("/admin/audit.csv?action=patient.create&amp;patient=\(id)"))
            let csv = try await admin.get("/admin/audit.csv?action=patient.create&patient=\(id)")
            #expect(Body.text(csv).hasPrefix(CSVColumns.audit + "\r\n"))
            let bad = try await admin.get("/admin/audit?from=yesterday")
            #expect(bad.status == .unprocessableContent && Body.text(bad).contains("must be a date"))
        }
    }
}

/// The audit CSV's header line.
enum CSVColumns {
    static let audit =
        "at,action,accountId,accountName,accountEmail,accountRole,patientId,patientName,origin,subjectAccountId,"
        + "subjectEmail"
}
