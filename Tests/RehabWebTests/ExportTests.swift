import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// Exports through the API: a FHIR R4 Bundle and a CSV table for the owning clinician only, each read audited.
struct ExportTests {
    @Test func theOwningClinicianExportsFHIRAndCSVAndEachExportIsAudited() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let checkIn = #"{"date":"2026-11-25","painAtRest":2,"swelling":"mild","note":"x"}"#
            _ = try await client.execute(
                uri: "/api/v1/me/checkins", method: .post, headers: patient, body: Body.json(checkIn))
            let fhir = try await client.execute(
                uri: "/api/v1/patients/\(id)/export?as=fhir", method: .get, headers: clinician)
            #expect(fhir.status == .ok && fhir.headers[.contentType] == "application/fhir+json")
            let bundle = try Body.object(fhir)
            #expect(bundle["resourceType"] as? String == "Bundle" && bundle["type"] as? String == "collection")
            let types = (bundle["entry"] as? [[String: Any]] ?? []).compactMap {
                ($0["resource"] as? [String: Any])?["resourceType"] as? String
            }
            #expect(types.contains("Patient") && types.contains("Procedure") && types.contains("CarePlan"))
            let csv = try await client.execute(
                uri: "/api/v1/patients/\(id)/export?as=csv", method: .get, headers: clinician)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(Body.text(csv).hasPrefix("date,kind,item,side,value,unit,method,detail\r\n"))
            let bad = try await client.execute(
                uri: "/api/v1/patients/\(id)/export?as=pdf", method: .get, headers: clinician)
            #expect(try Body.error(bad).field == "as")
            let other = try await client.signIn("ben@clinic.test")
            for format in ["fhir", "csv"] {
                let refused = try await client.execute(
                    uri: "/api/v1/patients/\(id)/export?as=\(format)", method: .get, headers: other)
                #expect(refused.status == .notFound)
            }
            let audit = try await harness.services.store.auditEntries(
                AuditQuery(patientID: try #require(PatientID(uuidString: id))))
            #expect(audit.filter { $0.action == .recordExport }.count == 2)
        }
    }
}
