import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// A clinician's dose edits, swaps and phase moves: each a revision with author and note, checked against the
/// surgery's restrictions, and only by the owning clinician.
struct ProgramChangeTests {
    static func change(_ client: any TestClientProtocol, _ id: String, _ headers: HTTPFields, _ body: String)
        async throws -> TestResponse
    {
        try await client.execute(
            uri: "/api/v1/patients/\(id)/program", method: .post, headers: headers, body: Body.json(body))
    }

    @Test func aDoseEditBecomesARevisionThePatientSeesWithTheNote() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let response = try await Self.change(
                client, id, clinician,
                #"{"note":"Easier this week after the wound check.","prescriptions":[{"exercise":"quad-set","step":1}]}"#
            )
            #expect(response.status == .created)
            #expect(try Body.object(response)["planRevision"] as? Int == 2)
            let plan = try Body.object(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            let quad = try #require(
                (plan["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == "quad-set" })
            #expect(quad["step"] as? Int == 1 && quad["rule"] as? String == "clinician-set")
            #expect((quad["reason"] as? String)?.contains("wound check") == true)
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["prescriptions"] as? [Any])?.count == 1)
        }
    }

    @Test(arguments: [
        (#"{"note":"x","prescriptions":[{"exercise":"quad-set","step":99}]}"#, "prescriptions[0].step"),
        (#"{"note":"x","prescriptions":[{"exercise":"moonwalk","step":1}]}"#, "prescriptions[0].exercise"),
        (#"{"note":" ","prescriptions":[{"exercise":"quad-set","step":1}]}"#, "note"),
        (#"{"note":"x"}"#, "prescriptions"),
        (#"{"note":"x","phase":"acl-9"}"#, "phase"),
    ])
    func badChangesAreRefusedNamingTheField(_ body: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            let response = try await Self.change(client, id, clinician, body)
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).field == field)
            let summary = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)", method: .get, headers: clinician))
            #expect(summary["planRevision"] as? Int == 1)
        }
    }

    @Test func onlyTheOwningClinicianMayChangeTheProgram() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let body = #"{"note":"n","prescriptions":[{"exercise":"quad-set","step":1}]}"#
            #expect(
                try await Self.change(client, id, try await client.signIn("ben@clinic.test"), body).status == .notFound)
            #expect(try await Self.change(client, id, patient, body).status == .forbidden)
        }
    }

    @Test func advancingThePhaseMovesThePlan() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let before = try Body.object(
                try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            let gate = try #require(before["phaseGate"] as? [String: Any])
            let next = try #require((gate["next"] as? [String: Any])?["id"] as? String)
            let response = try await Self.change(
                client, id, clinician, #"{"note":"Checked in clinic.","phase":"\#(next)"}"#)
            #expect(response.status == .created)
            let after = try Body.object(
                try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            #expect((after["phase"] as? [String: Any])?["id"] as? String == next)
        }
    }

    @Test func theClinicianSwapsAnExerciseFromThePatientPage() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let (id, _) = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test"))
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let page = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let add = try #require(PageClient.firstOption(of: "swap-in", in: page))
            let out = try #require(PageClient.firstOption(of: "swap-out", in: page))
            let missingNote = try await clinician.post(
                "/clinic/patients/\(id)/program", [("csrf", csrf), ("action", "swap"), ("remove", out), ("add", add)])
            #expect(missingNote.status == .unprocessableContent)
            let swapped = try await clinician.post(
                "/clinic/patients/\(id)/program",
                [("csrf", csrf), ("action", "swap"), ("remove", out), ("add", add), ("note", "Knee prefers this one")])
            #expect(swapped.status == .seeOther)
            let after = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(after.contains("Knee prefers this one"))
            #expect(after.contains("Revision 2"))
        }
    }
}

extension PageClient {
    /// The value of the first option of the select with `id`.
    static func firstOption(of id: String, in html: String) -> String? {
        guard let select = html.range(of: "id=\"\(id)\"") else { return nil }
        guard let option = html[select.upperBound...].range(of: "<option value=\"") else { return nil }
        let rest = html[option.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
