import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

struct PatientControllerTests {
    static func session(date: String = "2026-11-24", pain: Int = 2, difficulty: String = "right") -> String {
        #"{"date":"\#(date)","painBefore":1,"painAfter":\#(pain),"exercises":[{"id":"quad-set","sets":1,"reps":10,"holdSeconds":5,"painDuring":\#(pain),"difficulty":"\#(difficulty)"}]}"#
    }

    @Test func thePlanHasTheContractShape() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let (_, patient) = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test"))
            let plan = try Body.object(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            #expect(plan["date"] as? String == "2026-11-25")
            #expect(plan["daysSinceSurgery"] as? Int == 24)
            #expect((plan["phase"] as? [String: Any])?["id"] != nil)
            #expect((plan["exercises"] as? [[String: Any]])?.isEmpty == false)
            let other = try Body.object(
                try await client.execute(uri: "/api/v1/me/plan?date=2026-11-05", method: .get, headers: patient))
            #expect(other["daysSinceSurgery"] as? Int == 4)
            let bad = try await client.execute(uri: "/api/v1/me/plan?date=soon", method: .get, headers: patient)
            #expect(bad.status == .unprocessableContent)
            #expect(try Body.error(bad).field == "date")
        }
    }

    /// The plan follows `Accept-Language`, then the patient's own choice, set with `PUT /api/v1/me/language`;
    /// anything but en, es or null is refused naming `language` and changes nothing.
    @Test func thePlanSpeaksThePatientsLanguage() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let (_, patient) = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test"))
            func plan(_ accept: String?) async throws -> (TestResponse, [String: Any]) {
                var headers = patient
                if let accept { headers[.acceptLanguage] = accept }
                let response = try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: headers)
                return (response, try Body.object(response))
            }
            func phaseName(_ document: [String: Any]) -> String? {
                (document["phase"] as? [String: Any])?["name"] as? String
            }
            let (englishResponse, english) = try await plan(nil)
            #expect(englishResponse.headers[.contentLanguage] == "en")
            let (spanishResponse, spanish) = try await plan("es-MX,es;q=0.9,en;q=0.4")
            #expect(spanishResponse.headers[.contentLanguage] == "es")
            #expect(phaseName(spanish) != phaseName(english))
            #expect((spanish["notice"] as? String)?.hasPrefix("Este programa") == true)
            let exercises = try #require(spanish["exercises"] as? [[String: Any]])
            #expect(
                exercises.contains {
                    $0["name"] as? String == "Contracción del cuádriceps"
                        || ($0["name"] as? String)?.hasPrefix("Apretar el muslo") == true
                })
            #expect(
                (exercises.first?["rule"] as? String)
                    == ((english["exercises"] as? [[String: Any]])?.first?["rule"] as? String))
            for bad in [#"{"language":"fr"}"#, #"{"language":"ES-mx"}"#, #"{"language":7}"#, "{}"] {
                let refused = try await client.execute(
                    uri: "/api/v1/me/language", method: .put, headers: patient, body: Body.json(bad))
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(try Body.error(refused).field == "language")
            }
            #expect(try await plan("es").1["notice"] as? String == spanish["notice"] as? String)
            let chosen = try await client.execute(
                uri: "/api/v1/me/language", method: .put, headers: patient, body: Body.json(#"{"language":"es"}"#))
            #expect(chosen.status == .ok)
            #expect(try Body.object(chosen)["language"] as? String == "es")
            let (_, chosenPlan) = try await plan("en-US")
            #expect(phaseName(chosenPlan) == phaseName(spanish), "the choice wins over the browser")
            let cleared = try await client.execute(
                uri: "/api/v1/me/language", method: .put, headers: patient, body: Body.json(#"{"language":null}"#))
            #expect(try Body.object(cleared)["language"] is NSNull)
            #expect(phaseName(try await plan("en-US").1) == phaseName(english))
        }
    }

    @Test func aSessionIsStoredOnceWhateverTheRetries() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            var (id, patient) = try await client.addPatient(clinician: clinician)
            patient[try #require(.init("Idempotency-Key"))] = "session-2026-11-24"
            let first = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: patient, body: Body.json(Self.session()))
            let retry = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: patient, body: Body.json(Self.session()))
            #expect(first.status == .created && retry.status == .created)
            #expect(Body.text(first) == Body.text(retry))
            let other = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: patient, body: Body.json(Self.session(pain: 3)))
            #expect(other.status == .unprocessableContent)
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["sessions"] as? [Any])?.count == 1)
        }
    }

    @Test(arguments: [
        (
            Self.session().replacingOccurrences(of: "\"painDuring\":2", with: "\"painDuring\":11"),
            "exercises[0].painDuring", 422
        ),
        (Self.session(pain: 11), "painAfter", 422),
        (Self.session(date: "2026-12-01"), "date", 422),
        (Self.session(date: "2026-10-01"), "date", 422),
        (Self.session().replacingOccurrences(of: "quad-set", with: "moonwalk"), "exercises[0].id", 422),
        (Self.session().replacingOccurrences(of: "\"right\"", with: "\"meh\""), "exercises[0].difficulty", 422),
        (#"{"date":"2026-11-24","exercises":[]}"#, "exercises", 422),
        (#"{"date":"2026-11-24","exercises":"#, "body", 400),
    ])
    func badSessionsNameTheFieldAndStoreNothing(_ body: String, _ field: String, _ status: Int) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let response = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: patient, body: Body.json(body))
            #expect(response.status.code == status)
            #expect(try Body.error(response).field == field)
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["sessions"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func redPainTwiceInARowPausesTheExerciseAndAlertsTheClinician() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            var last: TestResponse?
            for date in ["2026-11-24", "2026-11-25"] {
                last = try await client.execute(
                    uri: "/api/v1/me/sessions", method: .post, headers: patient,
                    body: Body.json(Self.session(date: date, pain: 7, difficulty: "hard")))
                #expect(last?.status == .created)
            }
            let response = try #require(last)
            let changes = try #require(try Body.object(response)["changes"] as? [[String: Any]])
            let quad = try #require(changes.first { $0["exercise"] as? String == "quad-set" })
            #expect(quad["change"] as? String == "pause")
            #expect((quad["reason"] as? String)?.isEmpty == false)
            let summary = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)", method: .get, headers: clinician))
            #expect((summary["planRevision"] as? Int ?? 0) >= 2)
            let alerts = try Body.array(
                try await client.execute(uri: "/api/v1/alerts", method: .get, headers: clinician))
            #expect(alerts.contains { $0["patientID"] as? String == id })
        }
    }

    @Test func anEmergencyCheckInAlertsTheClinicianWhoCanAcknowledgeIt() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let body = #"{"date":"2026-11-25","painAtRest":3,"chestPainOrBreathless":true,"calfPainOrSwelling":true}"#
            let response = try await client.execute(
                uri: "/api/v1/me/checkins", method: .post, headers: patient, body: Body.json(body))
            #expect(response.status == .created)
            let triage = try Body.object(response)
            #expect(triage["level"] as? String == "emergency")
            #expect((triage["reasons"] as? [Any])?.isEmpty == false)
            #expect(triage["alertRaised"] as? Bool == true)
            let alerts = try Body.array(
                try await client.execute(uri: "/api/v1/alerts", method: .get, headers: clinician))
            let alert = try #require(alerts.first { $0["patientID"] as? String == id })
            let alertID = try #require(alert["id"] as? String)
            let other = try await client.signIn("ben@clinic.test")
            let foreign = try await client.execute(
                uri: "/api/v1/alerts/\(alertID)/acknowledge", method: .post, headers: other)
            #expect(foreign.status == .notFound)
            let acknowledged = try await client.execute(
                uri: "/api/v1/alerts/\(alertID)/acknowledge", method: .post, headers: clinician)
            #expect(acknowledged.status == .ok)
            let open = try Body.array(try await client.execute(uri: "/api/v1/alerts", method: .get, headers: clinician))
            #expect(open.isEmpty)
        }
    }

    @Test func aCheckInWithImpossibleNumbersIsRefused() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let (_, patient) = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test"))
            let response = try await client.execute(
                uri: "/api/v1/me/checkins", method: .post, headers: patient,
                body: Body.json(#"{"date":"2026-11-25","painAtRest":12}"#))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).field == "painAtRest")
        }
    }

    @Test func questionnairesAreScored() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let (_, patient) = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test"))
            let answers = (1...7).map { #""\#($0)":1"# }.joined(separator: ",")
            let response = try await client.execute(
                uri: "/api/v1/me/questionnaires/koos-jr", method: .post, headers: patient,
                body: Body.json("{\(answers)}"))
            #expect(response.status == .created)
            let score = try #require(try Body.object(response)["score"] as? [String: Any])
            #expect(score["raw"] as? Int == 7)
            #expect(score["score"] as? Double == 68.284)
            let unknown = try await client.execute(
                uri: "/api/v1/me/questionnaires/sf36", method: .post, headers: patient, body: Body.json("{}"))
            #expect(unknown.status == .unprocessableContent)
            let outOfRange = try await client.execute(
                uri: "/api/v1/me/questionnaires/nprs", method: .post, headers: patient, body: Body.json(#"{"pain":11}"#)
            )
            #expect(outOfRange.status == .unprocessableContent)
            #expect(try Body.error(outOfRange).field?.contains("pain") == true)
        }
    }
}
