import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// Episodes of care through the API: discharge with a home program the patient keeps, hidden from the worklist
/// unless a red flag is open, reopening, a surgery corrected as a revision, and an admin handing a patient over.
struct EpisodeTests {
    static func post(_ client: any TestClientProtocol, _ path: String, _ headers: HTTPFields, _ body: String)
        async throws -> TestResponse
    {
        try await client.execute(uri: path, method: .post, headers: headers, body: Body.json(body))
    }

    static func ids(_ client: any TestClientProtocol, _ query: String, _ headers: HTTPFields) async throws -> [String] {
        try Body.array(try await client.execute(uri: "/api/v1/patients\(query)", method: .get, headers: headers))
            .compactMap { $0["id"] as? String }
    }

    @Test func aDischargedPatientKeepsAHomeProgramAndLeavesTheWorklistUntilARedFlag() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let bad = try await Self.post(
                client, "/api/v1/patients/\(id)/discharge", clinician,
                #"{"reason":"goals-met","keep":[{"id":"moonwalk","step":1}]}"#)
            #expect(try Body.error(bad).field == "keep[0].id")
            let future = try await Self.post(
                client, "/api/v1/patients/\(id)/discharge", clinician, #"{"reason":"goals-met","date":"2026-12-31"}"#)
            #expect(try Body.error(future).field == "date")
            let ended = try await Self.post(
                client, "/api/v1/patients/\(id)/discharge", clinician,
                #"{"reason":"goals-met","note":"Back to gardening.","keep":[{"id":"quad-set","step":2},{"id":"straight-leg-raise","step":1}]}"#
            )
            #expect(ended.status == .created)
            let again = try await Self.post(
                client, "/api/v1/patients/\(id)/discharge", clinician, #"{"reason":"goals-met"}"#)
            #expect(again.status == .unprocessableContent)
            let plan = try Body.object(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            let exercises = plan["exercises"] as? [[String: Any]] ?? []
            #expect(exercises.compactMap { $0["id"] as? String } == ["quad-set", "straight-leg-raise"])
            #expect(
                exercises.allSatisfy { $0["rule"] as? String == "maintenance" && $0["change"] as? String == "hold" })
            #expect((plan["discharge"] as? [String: Any])?["reason"] as? String == "goals-met")
            #expect(try await Self.ids(client, "", clinician).contains(id) == false)
            #expect(try await Self.ids(client, "?discharged=true", clinician) == [id])
            let wrong = try await client.execute(
                uri: "/api/v1/patients?discharged=yes", method: .get, headers: clinician)
            #expect(wrong.status == .unprocessableContent)
            #expect((try Body.object(wrong)["error"] as? [String: Any])?["field"] as? String == "discharged")
            let emergency = #"{"date":"2026-11-25","painAtRest":2,"chestPainOrBreathless":true}"#
            #expect(try await Self.post(client, "/api/v1/me/checkins", patient, emergency).status == .created)
            #expect(try await Self.ids(client, "", clinician).first == id)
            let paused = try Body.object(
                try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            #expect(
                (paused["exercises"] as? [[String: Any]])?.allSatisfy { $0["change"] as? String == "pause" } == true)
            let reopened = try await Self.post(
                client, "/api/v1/patients/\(id)/reopen", clinician, #"{"note":"New pain after a fall."}"#)
            #expect(reopened.status == .created)
            let back = try Body.object(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            #expect(back["discharge"] == nil)
            #expect(
                (back["exercises"] as? [[String: Any]])?.contains { $0["rule"] as? String == "maintenance" } == false)
        }
    }

    @Test func aWrongSurgeryIsCorrectedAsARevisionWithItsReason() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let same = try await Self.post(
                client, "/api/v1/patients/\(id)/surgery", clinician,
                #"{"surgery":{"kind":"total-knee-replacement","side":"left","date":"2026-11-01"},"note":"x"}"#)
            #expect(try Body.error(same).field == "surgery")
            let noNote = try await Self.post(
                client, "/api/v1/patients/\(id)/surgery", clinician,
                #"{"surgery":{"kind":"total-knee-replacement","side":"right","date":"2026-11-01"},"note":" "}"#)
            #expect(try Body.error(noNote).field == "note")
            let fixed = try await Self.post(
                client, "/api/v1/patients/\(id)/surgery", clinician,
                #"{"surgery":{"kind":"total-knee-replacement","side":"right","date":"2026-10-28"},"note":"Operation note says right."}"#
            )
            #expect(fixed.status == .created)
            #expect(try Body.object(fixed)["planRevision"] as? Int == 2)
            let plan = try Body.object(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            #expect((plan["surgery"] as? [String: Any])?["side"] as? String == "right")
            #expect((plan["surgery"] as? [String: Any])?["date"] as? String == "2026-10-28")
        }
    }

    @Test func anAdminHandsAPatientToAnotherClinician() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let ana = try await client.signIn("ana@clinic.test")
            let ben = try await client.signIn("ben@clinic.test")
            let admin = try await client.signIn("root@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: ana)
            let session =
                #"{"date":"2026-11-24","painAfter":2,"exercises":[{"id":"quad-set","painDuring":1,"difficulty":"right"}]}"#
            #expect(try await Self.post(client, "/api/v1/me/sessions", patient, session).status == .created)
            let caseload = try Body.object(
                try await client.execute(uri: "/api/v1/admin/patients", method: .get, headers: admin))
            let clinicians = caseload["clinicians"] as? [[String: Any]] ?? []
            let benID = try #require(clinicians.first { $0["name"] as? String == "Ben Okoro, PT" }?["id"] as? String)
            #expect(
                try await client.execute(uri: "/api/v1/admin/patients", method: .get, headers: ana).status == .forbidden
            )
            let refused = try await Self.post(
                client, "/api/v1/admin/patients/\(id)/reassign", ana, #"{"clinicianId":"\#(benID)"}"#)
            #expect(refused.status == .forbidden)
            let moved = try await Self.post(
                client, "/api/v1/admin/patients/\(id)/reassign", admin, #"{"clinicianId":"\#(benID)"}"#)
            #expect(moved.status == .ok)
            #expect(
                try await client.execute(uri: "/api/v1/patients/\(id)", method: .get, headers: ana).status == .notFound)
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: ben))
            #expect((record["sessions"] as? [Any])?.count == 1)
            #expect(try await Self.ids(client, "", ben).contains(id))
        }
    }

    @Test func theClinicianDischargesAndReopensFromThePageAndThePatientSeesTheHomeProgram() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let email = "ep-\(UUID().uuidString.prefix(6))@home.test"
            let (id, _) = try await client.addPatient(clinician: api, email: email)
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let page = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(page.contains("Episode of care") && page.contains("Correct the surgery"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let keep = try #require(page.range(of: "name=\"keep\" value=\"")).upperBound
            let kept = String(page[keep...].prefix { $0 != "\"" })
            let discharged = try await clinician.post(
                "/clinic/patients/\(id)/discharge",
                [("csrf", csrf), ("reason", "goals-met"), ("date", "2026-11-25"), ("keep", kept), ("note", "")])
            #expect(discharged.status == .seeOther)
            let after = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(after.contains("Discharged on 2026-11-25: Goals met.") && after.contains("Reopen care"))
            #expect(!Body.text(try await clinician.get("/clinic")).contains("/clinic/patients/\(id)"))
            #expect(Body.text(try await clinician.get("/clinic?discharged=true")).contains("/clinic/patients/\(id)"))
            let summary = Body.text(try await clinician.get("/clinic/patients/\(id)/summary"))
            #expect(summary.contains("Discharge summary") && summary.contains("Going forward"))
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let today = Body.text(try await patient.get("/today"))
            #expect(today.contains("Your care with your therapist ended on 2026-11-25."))
            let reopened = try await clinician.post(
                "/clinic/patients/\(id)/reopen", [("csrf", csrf), ("note", "Pain came back.")])
            #expect(reopened.status == .seeOther)
            #expect(!Body.text(try await patient.get("/today")).contains("Your care with your therapist ended"))
            let refused = try await clinician.post(
                "/clinic/patients/\(id)/surgery",
                [("csrf", csrf), ("kind", "total-knee-replacement"), ("side", "right"), ("date", "2026-11-01")])
            #expect(refused.status == .unprocessableContent && Body.text(refused).contains("note"))
            let corrected = try await clinician.post(
                "/clinic/patients/\(id)/surgery",
                [
                    ("csrf", csrf), ("kind", "total-knee-replacement"), ("side", "right"), ("date", "2026-11-01"),
                    ("note", "Right knee, per the operation note."),
                ])
            #expect(corrected.status == .seeOther)
            #expect(
                Body.text(try await clinician.get("/clinic/patients/\(id)")).contains(
                    "Surgery corrected (side left → right)"))
        }
    }

    @Test func theAdminPageHandsAPatientOver() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: api)
            var admin = PageClient(client)
            let landed = try await admin.signIn("root@clinic.test")
            #expect(landed.headers[.location] == "/admin")
            let page = Body.text(try await admin.get("/admin"))
            #expect(page.contains("Rosa Díaz") && page.contains("with Ana Pérez, PT"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let ben = harness.clinicianB.id.description
            let moved = try await admin.post("/admin/patients/\(id)/reassign", [("csrf", csrf), ("clinician", ben)])
            #expect(moved.status == .seeOther)
            #expect(Body.text(try await admin.get("/admin?moved=1")).contains("with Ben Okoro, PT"))
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            #expect(try await clinician.get("/clinic/patients/\(id)").status == .notFound)
        }
    }
}
