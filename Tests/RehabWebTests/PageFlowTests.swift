import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// The pages as a browser without JavaScript uses them: forms, cookies, CSRF tokens and redirects.
struct PageFlowTests {
    /// A harness with one patient who has claimed their invite; returns the patient's email and id.
    static func withPatient(
        _ body: @Sendable (WebHarness, any TestClientProtocol, String, String) async throws -> Void
    ) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let email = "rosa-\(UUID().uuidString.prefix(6))@home.test"
            let (id, _) = try await client.addPatient(
                clinician: try await client.signIn("ana@clinic.test"), email: email)
            try await body(harness, client, email, id)
        }
    }

    @Test func signingInTakesEachRoleHome() async throws {
        try await Self.withPatient { _, client, email, _ in
            var patient = PageClient(client)
            let patientLogin = try await patient.signIn(email)
            #expect(patientLogin.status == .seeOther && patientLogin.headers[.location] == "/today")
            let cookie = try #require(patientLogin.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            var clinician = PageClient(client)
            #expect(try await clinician.signIn("ana@clinic.test").headers[.location] == "/clinic")
            var stranger = PageClient(client)
            let wrong = try await stranger.signIn("ana@clinic.test", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(Body.text(wrong).contains("value=\"ana@clinic.test\""))
        }
    }

    @Test func theSessionCookieAloneNeverAuthorisesAnAPIWrite() async throws {
        try await Self.withPatient { _, client, email, _ in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            var headers = patient.cookieHeader
            headers[.contentType] = "application/json"
            let read = try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: headers)
            #expect(read.status == .ok)
            let write = try await client.execute(
                uri: "/api/v1/me/checkins", method: .post, headers: headers,
                body: Body.json(#"{"date":"2026-11-25","painAtRest":1}"#))
            #expect(write.status == .unauthorized)
        }
    }

    @Test func formsWithoutTheirTokenAreRefusedAndChangeNothing() async throws {
        try await Self.withPatient { _, client, email, _ in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let forged = try await patient.post("/checkin", [("painAtRest", "2")])
            #expect(forged.status == .forbidden)
            var anonymous = PageClient(client)
            let login = try await anonymous.post("/login", [("email", email), ("password", WebHarness.password)])
            #expect(login.status == .forbidden)
        }
    }

    @Test func aPatientFinishesAGuidedSessionWithoutJavaScript() async throws {
        try await Self.withPatient { harness, client, email, id in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let today = Body.text(try await patient.get("/today"))
            #expect(today.contains("Start today&#39;s session") || today.contains("Start today's session"))
            var page = Body.text(try await patient.get("/session"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let submission = try #require(PageClient.value(of: "submission", in: page))
            let missing = try await patient.post(
                "/session", [("csrf", csrf), ("submission", submission), ("stage", "start")])
            #expect(missing.status == .unprocessableContent)
            page = Body.text(
                try await patient.post(
                    "/session", [("csrf", csrf), ("submission", submission), ("stage", "start"), ("pain", "2")]))
            var screens = 0
            while page.contains("Done — next") {
                screens += 1
                let done = try #require(PageClient.value(of: "done", in: page))
                let before = PageClient.value(of: "painBefore", in: page) ?? ""
                page = Body.text(
                    try await patient.post(
                        "/session",
                        [
                            ("csrf", csrf), ("submission", submission), ("done", done), ("painBefore", before),
                            ("pain", "1"), ("difficulty", "right"), ("action", "next"),
                        ]))
                #expect(screens < 20)
            }
            #expect(screens >= 3)
            #expect(page.contains("How much does your knee hurt now?"))
            let done = try #require(PageClient.value(of: "done", in: page))
            let fields = [
                ("csrf", csrf), ("submission", submission), ("done", done), ("painBefore", "2"), ("stopped", ""),
                ("pain", "1"),
            ]
            let saved = Body.text(try await patient.post("/session/finish", fields))
            #expect(saved.contains("Session saved"))
            let again = try await patient.post("/session/finish", fields)
            #expect(again.status == .ok)
            let record = try await harness.services.store.record(
                of: try #require(PatientID(uuidString: id)),
                by: AuditActor(.system, origin: "test", at: WebHarness.clock))
            #expect(record.sessions.count == 1)
            #expect(record.sessions.first?.painBefore == 2 && record.sessions.first?.painAfter == 1)
            #expect(record.sessions.first?.exercises.count == screens)
        }
    }

    @Test func stoppingForPainSavesWhatWasDoneAndGivesAdvice() async throws {
        try await Self.withPatient { harness, client, email, id in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let first = Body.text(try await patient.get("/session"))
            let csrf = try #require(PageClient.value(of: "csrf", in: first))
            let submission = try #require(PageClient.value(of: "submission", in: first))
            let exercise = Body.text(
                try await patient.post(
                    "/session", [("csrf", csrf), ("submission", submission), ("stage", "start"), ("pain", "3")]))
            let stopped = Body.text(
                try await patient.post(
                    "/session",
                    [
                        ("csrf", csrf), ("submission", submission), ("done", "[]"), ("painBefore", "3"),
                        ("pain", "8"), ("action", "stop"),
                    ]))
            #expect(exercise.contains("This hurts — stop"))
            #expect(stopped.contains("Stop for today"))
            let done = try #require(PageClient.value(of: "done", in: stopped))
            let advice = Body.text(
                try await patient.post(
                    "/session/finish",
                    [
                        ("csrf", csrf), ("submission", submission), ("done", done), ("painBefore", "3"),
                        ("stopped", "true"), ("pain", "8"),
                    ]))
            #expect(advice.contains("do the check-in now"))
            let record = try await harness.services.store.record(
                of: try #require(PatientID(uuidString: id)),
                by: AuditActor(.system, origin: "test", at: WebHarness.clock))
            #expect(record.sessions.first?.stoppedForPain == true)
        }
    }

    @Test func aPatientWithEveryExercisePausedIsSentBackToTodayNotIntoAnEmptySession() async throws {
        try await Self.withPatient { _, client, email, _ in
            let patientHeaders = try await client.signIn(email)
            let checkIn = try await client.execute(
                uri: "/api/v1/me/checkins", method: .post, headers: patientHeaders,
                body: Body.json(#"{"date":"2026-11-25","painAtRest":2,"calfPainOrSwelling":true}"#))
            #expect(checkIn.status == .created)
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let session = try await patient.get("/session")
            #expect(session.status == .seeOther && session.headers[.location] == "/today")
            let today = Body.text(try await patient.get("/today"))
            let csrf = try #require(PageClient.value(of: "csrf", in: today))
            let started = try await patient.post(
                "/session", [("csrf", csrf), ("submission", UUID().uuidString), ("stage", "start"), ("pain", "2")])
            #expect(started.status == .ok)
            #expect(Body.text(started).contains("/session/finish"))
        }
    }

    @Test func anEmergencyCheckInShowsTheCallNowBanner() async throws {
        try await Self.withPatient { harness, client, email, _ in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let form = Body.text(try await patient.get("/checkin"))
            let csrf = try #require(PageClient.value(of: "csrf", in: form))
            let submission = try #require(PageClient.value(of: "submission", in: form))
            var fields = [
                ("csrf", csrf), ("submission", submission), ("painAtRest", "3"), ("painMorning", "4"),
                ("swelling", "mild"), ("temperatureCelsius", "37,1"),
            ]
            let incomplete = try await patient.post("/checkin", fields)
            #expect(incomplete.status == .unprocessableContent)
            #expect(Body.text(incomplete).contains("value=\"37,1\""))
            for (name, _) in CheckInPages.questions {
                fields.append((name, name == "chestPainOrBreathless" ? "yes" : "no"))
            }
            let result = Body.text(try await patient.post("/checkin", fields))
            let number = harness.services.catalog.triage.emergencyNumber
            #expect(result.contains("class=\"banner emergency\""))
            #expect(result.contains("href=\"tel:\(number)\""))
        }
    }

    @Test func aQuestionnaireIsOneQuestionPerScreen() async throws {
        try await Self.withPatient { _, client, email, _ in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            var page = Body.text(try await patient.get("/questionnaires/koos-jr"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let submission = try #require(PageClient.value(of: "submission", in: page))
            for number in 1...7 {
                #expect(page.contains("question \(number) of 7"))
                let answers = try #require(PageClient.value(of: "answers", in: page))
                page = Body.text(
                    try await patient.post(
                        "/questionnaires/koos-jr",
                        [("csrf", csrf), ("submission", submission), ("answers", answers), ("choice", "1")]))
            }
            #expect(page.contains("Thank you"))
            #expect(page.contains("68.3"))
        }
    }

    @Test func theClinicianSeesTheListAndAcknowledgesAnAlert() async throws {
        try await Self.withPatient { harness, client, email, id in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let form = Body.text(try await patient.get("/checkin"))
            var fields = [
                ("csrf", try #require(PageClient.value(of: "csrf", in: form))),
                ("submission", try #require(PageClient.value(of: "submission", in: form))), ("painAtRest", "2"),
                ("painMorning", "2"), ("swelling", "none"),
            ]
            for (name, _) in CheckInPages.questions {
                fields.append((name, name == "calfPainOrSwelling" ? "yes" : "no"))
            }
            _ = try await patient.post("/checkin", fields)

            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let list = Body.text(try await clinician.get("/clinic"))
            #expect(list.contains("/clinic/patients/\(id)"))
            #expect(list.contains("Red flag"))
            let page = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let action = try #require(page.range(of: "/acknowledge\"")).lowerBound
            let start = try #require(page[..<action].range(of: "/clinic/alerts/", options: .backwards)).upperBound
            let alertID = String(page[start..<action])
            let acknowledged = try await clinician.post("/clinic/alerts/\(alertID)/acknowledge", [("csrf", csrf)])
            #expect(acknowledged.status == .seeOther)
            let after = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(!after.contains("/acknowledge\""))
            var other = PageClient(client)
            _ = try await other.signIn("ben@clinic.test")
            #expect(try await other.get("/clinic/patients/\(id)").status == .notFound)
        }
    }

    @Test func aClinicianAddsAPatientAndGetsAPrintableInvite() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let form = Body.text(try await clinician.get("/clinic/patients/new"))
            let csrf = try #require(PageClient.value(of: "csrf", in: form))
            let bad = try await clinician.post(
                "/clinic/patients",
                [("csrf", csrf), ("name", "Jo Brand"), ("email", "jo@home.test"), ("kind", "meniscus-repair")])
            #expect(bad.status == .unprocessableContent)
            #expect(Body.text(bad).contains("value=\"Jo Brand\""))
            let invite = try await clinician.post(
                "/clinic/patients",
                [
                    ("csrf", csrf), ("name", "Jo Brand"), ("email", "jo@home.test"), ("kind", "meniscus-repair"),
                    ("side", "right"), ("date", "2026-11-20"),
                ])
            #expect(invite.status == .created)
            let html = Body.text(invite)
            let code = try #require(html.range(of: "class=\"code\">")).upperBound
            #expect(html[code...].prefix(11).contains("-"))
            let list = Body.text(try await clinician.get("/clinic"))
            #expect(list.contains("Jo Brand"))
        }
    }

    @Test func pagesWithHealthDataAreNeverCachedAndEscapeWhatPeopleTyped() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: api)
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let page = try await clinician.get("/clinic/patients/\(id)")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(Body.text(page).contains("Rosa Díaz"))
            let handout = Body.text(try await clinician.get("/clinic/patients/\(id)/handout"))
            #expect(handout.contains("Home exercise program"))
            #expect(handout.contains("<svg"))
        }
    }
}
