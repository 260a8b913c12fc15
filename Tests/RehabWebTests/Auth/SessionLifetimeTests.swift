import Foundation
import Hummingbird
import HummingbirdTesting
import RehabAuth
import RehabCore
import Synchronization
import Testing

@testable import RehabWeb

/// A clock the test moves.
final class TestClock: Sendable {
    private let time: Mutex<Date>

    init(_ start: Date = WebHarness.clock) { time = Mutex(start) }

    var now: Date { time.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Sign-ins end after a time without use (15 minutes for staff, longer for patients) and at an absolute end,
/// with an injected clock; a use is written down at most once a minute; the pages carry the idle warning; a
/// patient's half-finished session survives signing in again.
struct SessionLifetimeTests {
    static func harness(_ clock: TestClock) async throws -> WebHarness {
        var harness = try await WebHarness.make()
        harness.configuration.now = { clock.now }
        return harness
    }

    @Test func aClinicianIsSignedOutAfterFifteenIdleMinutesButNotWhileWorking() async throws {
        let clock = TestClock()
        let harness = try await Self.harness(clock)
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            for _ in 0..<6 {
                clock.advance(14 * 60)
                let used = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
                #expect(used.status == .ok, "each use within 15 minutes keeps the sign-in")
            }
            clock.advance(15 * 60 + 1)
            let idle = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
            #expect(idle.status == .unauthorized, "15 minutes without use end it")
        }
    }

    @Test func aBusySignInStillEndsAtItsAbsoluteEnd() async throws {
        let clock = TestClock()
        let harness = try await Self.harness(clock)
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            var elapsed: TimeInterval = 0
            while elapsed < 12 * 3600 - 600 {
                clock.advance(600)
                elapsed += 600
                let used = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
                #expect(used.status == .ok)
            }
            clock.advance(600)
            let late = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
            #expect(late.status == .unauthorized, "12 hours after signing in, however busy")
        }
    }

    @Test func aPatientSignInRestsLonger() async throws {
        let clock = TestClock()
        let harness = try await Self.harness(clock)
        try await harness.test { client in
            let (_, patient) = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test"))
            clock.advance(24 * 3600)
            #expect(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient).status == .ok)
            clock.advance(72 * 3600 + 1)
            let idle = try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient)
            #expect(idle.status == .unauthorized, "three days without use")
        }
    }

    @Test func aUseIsWrittenDownAtMostOnceAMinute() async throws {
        let clock = TestClock()
        let harness = try await Self.harness(clock)
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let token = try #require(headers[.authorization]?.split(separator: " ").last.map(String.init))
            let hash = TokenHash.sha256(token)
            let store = harness.services.store
            let start = clock.now
            for _ in 0..<10 {
                clock.advance(5)
                _ = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
            }
            let quiet = try await store.signInToken(tokenHash: hash, now: clock.now)
            #expect(quiet?.lastSeenAt == start, "50 seconds of requests write nothing")
            clock.advance(15)
            _ = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
            let touched = try await store.signInToken(tokenHash: hash, now: clock.now)
            #expect(touched?.lastSeenAt == clock.now, "after a minute the use is written down")
        }
    }

    @Test func theSessionRouteTellsWhenTheSignInEndsAndKeepsItAlive() async throws {
        let clock = TestClock()
        let harness = try await Self.harness(clock)
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            clock.advance(13 * 60)
            let response = try await client.execute(uri: "/api/v1/me/session", method: .get, headers: headers)
            let document = try Body.object(response)
            #expect(document["idleSeconds"] as? Int == 900)
            #expect(document["idleSecondsLeft"] as? Int == 900, "the ping is a use")
            #expect(document["role"] as? String == "clinician")
        }
    }

    @Test func revokingAnAPITokenEndsItAtOnce() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            #expect(try await client.execute(uri: "/api/v1/me/session", method: .get, headers: headers).status == .ok)
            let revoked = try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: headers)
            #expect(revoked.status == .noContent)
            let after = try await client.execute(uri: "/api/v1/me/session", method: .get, headers: headers)
            #expect(after.status == .unauthorized)
        }
    }

    @Test func pagesCarryTheIdleWarningWithoutInlineScript() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let page = Body.text(try await clinician.get("/clinic"))
            #expect(page.contains("id=\"idle-warning\"") && page.contains("data-idle=\"840\""))
            #expect(page.contains("Stay signed in"))
            #expect(!page.contains("<script>") && !page.contains("onclick="), "the CSP forbids inline script")
        }
    }

    @Test func aPatientsHalfFinishedSessionSurvivesSigningInAgain() async throws {
        let clock = TestClock()
        let harness = try await Self.harness(clock)
        try await harness.test { client in
            let email = "rosa-\(UUID().uuidString.prefix(6))@home.test"
            let (id, _) = try await client.addPatient(
                clinician: try await client.signIn("ana@clinic.test"), email: email)
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            var page = Body.text(try await patient.get("/session"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let submission = try #require(PageClient.value(of: "submission", in: page))
            page = Body.text(
                try await patient.post(
                    "/session", [("csrf", csrf), ("submission", submission), ("stage", "start"), ("pain", "4")]))
            let done = try #require(PageClient.value(of: "done", in: page))
            let before = PageClient.value(of: "painBefore", in: page) ?? ""
            let step = [
                ("csrf", csrf), ("submission", submission), ("done", done), ("painBefore", before), ("pain", "1"),
                ("difficulty", "right"), ("action", "next"),
            ]
            clock.advance(72 * 3600 + 60)
            let signedOut = try await patient.post("/session", step)
            #expect(signedOut.status == .unauthorized)
            let login = Body.text(signedOut)
            #expect(login.contains("carries on where you left it"))
            #expect(login.contains("name=\"carry.to\" value=\"/session\""))
            #expect(login.contains("name=\"carry.painBefore\" value=\"4\""))
            #expect(!login.contains("name=\"carry.csrf\""), "the old form token is not carried")
            let formToken = try #require(PageClient.value(of: "formToken", in: login))
            var fields = [("formToken", formToken), ("email", email), ("password", WebHarness.password)]
            fields += Self.hiddenFields(login).filter { $0.0.hasPrefix("carry.") }
            let back = try await patient.post("/login", fields)
            #expect(back.status == .ok)
            let carry = Body.text(back)
            #expect(carry.contains("Carry on with your session") && carry.contains("action=\"/session\""))
            let newCSRF = try #require(PageClient.value(of: "csrf", in: carry))
            #expect(newCSRF != csrf)
            let resumed = Body.text(try await patient.post("/session", Self.hiddenFields(carry)))
            let resumedDone = try #require(PageClient.value(of: "done", in: resumed))
            #expect(resumedDone.count > done.count, "the exercise answered before the sign-out is kept")
            #expect(PageClient.value(of: "painBefore", in: resumed) == "4")
            #expect(
                try await harness.services.store.record(
                    of: try #require(PatientID(uuidString: id)),
                    by: AuditActor(.system, origin: "test", at: clock.now)
                ).sessions.isEmpty, "nothing stored twice")
        }
    }

    @Test func aCarriedFormGoesNowhereButTheSessionSteps() async throws {
        let form = Form(pairs: [("carry.to", "/admin/second-factor"), ("carry.required", "off")])
        #expect(AccountPages.Carried(signInForm: form) == nil)
        let good = AccountPages.Carried(
            signInForm: Form(pairs: [("carry.to", "/session"), ("carry.done", "x"), ("carry.csrf", "old")]))
        #expect(good?.fields.map(\.name) == ["done"])
    }

    /// Every hidden input of a page, in order.
    static func hiddenFields(_ html: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<input type=\"hidden\" name=\"") {
            rest = rest[start.upperBound...]
            guard let nameEnd = rest.firstIndex(of: "\"") else { break }
            let name = String(rest[..<nameEnd])
            guard let value = PageClient.value(of: name, in: "name=\"" + rest) else { break }
            fields.append((name, value))
        }
        return fields
    }
}
