import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

struct ClinicianControllerTests {
    @Test func aNewPatientIsListedWithAPlanFromTheProtocol() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            let list = try Body.array(
                try await client.execute(uri: "/api/v1/patients", method: .get, headers: clinician))
            #expect(list.map { $0["id"] as? String } == [id])
            let summary = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)", method: .get, headers: clinician))
            let plan = try #require(summary["plan"] as? [String: Any])
            let exercises = try #require(plan["exercises"] as? [[String: Any]])
            #expect(exercises.first?["category"] as? String == "warm-up")
            #expect(exercises.last?["category"] as? String == "recovery")
            #expect(summary["planRevision"] as? Int == 1)
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["surgery"] as? [String: Any])?["kind"] as? String == "total-knee-replacement")
        }
    }

    @Test func anotherCliniciansPatientIs404LikeAMissingOne() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let ana = try await client.signIn("ana@clinic.test")
            let ben = try await client.signIn("ben@clinic.test")
            let (id, _) = try await client.addPatient(clinician: ana)
            for path in ["/api/v1/patients/\(id)", "/api/v1/patients/\(id)/record", "/api/v1/patients/\(UUID())"] {
                let response = try await client.execute(uri: path, method: .get, headers: ben)
                #expect(response.status == .notFound)
                #expect(try Body.error(response).code == "not-found")
            }
            let list = try Body.array(try await client.execute(uri: "/api/v1/patients", method: .get, headers: ben))
            #expect(list.isEmpty)
        }
    }

    @Test func addingAPatientTwiceWithOneKeyStoresOne() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            var headers = try await client.signIn("ana@clinic.test")
            headers[try #require(.init("Idempotency-Key"))] = "add-rosa-1"
            let body =
                #"{"name":"Rosa","email":"rosa@home.test","surgery":{"kind":"meniscus-repair","side":"left","date":"2026-11-01"}}"#
            let first = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers, body: Body.json(body))
            let second = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers, body: Body.json(body))
            #expect(first.status == .created && second.status == .created)
            #expect(Body.text(first) == Body.text(second))
            let list = try Body.array(try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers))
            #expect(list.count == 1)
            let changed = body.replacingOccurrences(of: "Rosa\"", with: "Rosalind\"")
            let conflict = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers, body: Body.json(changed))
            #expect(conflict.status == .unprocessableContent)
        }
    }

    @Test(arguments: [
        (
            #"{"name":"X","email":"x@home.test","surgery":{"kind":"hip","side":"left","date":"2026-11-01"}}"#,
            "surgery.kind"
        ),
        (
            #"{"name":"X","email":"x@home.test","surgery":{"kind":"meniscus-repair","side":"up","date":"2026-11-01"}}"#,
            "surgery.side"
        ),
        (
            #"{"name":"X","email":"x@home.test","surgery":{"kind":"meniscus-repair","side":"left","date":"2029-01-01"}}"#,
            "surgery.date"
        ),
        (
            #"{"name":" ","email":"x@home.test","surgery":{"kind":"meniscus-repair","side":"left","date":"2026-11-01"}}"#,
            "name"
        ),
        (
            #"{"name":"X","email":"nope","surgery":{"kind":"meniscus-repair","side":"left","date":"2026-11-01"}}"#,
            "email"
        ),
        (#"{"name":"X","surgery":{"kind":"meniscus-repair","side":"left","date":"2026-11-01"}}"#, "email"),
    ])
    func badPatientsAre422NamingTheFieldAndStoreNothing(_ body: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let response = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers, body: Body.json(body))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).field == field)
            let list = try Body.array(try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers))
            #expect(list.isEmpty)
        }
    }

    @Test func malformedAndOversizedBodiesAreRefused() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let broken = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers, body: Body.json(#"{"name": "#))
            #expect(broken.status == .badRequest)
            #expect(try Body.error(broken).code == "malformed-json")
            let huge = #"{"name":""# + String(repeating: "a", count: 300_000) + #""}"#
            let tooLarge = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers, body: Body.json(huge))
            #expect(tooLarge.status == .contentTooLarge)
        }
    }
}
