import Foundation
import Hummingbird
import HummingbirdTesting
import RehabAuth
import RehabChildProcess
import RehabCore
import RehabQR
import Testing

@testable import RehabWeb

/// TOTP second factors over the API and the pages: enrolment, sign-in with and without a code, a code never
/// accepted twice, wrong codes throttled, recovery codes once each, the compulsory setting, and PyPI pyotp's codes.
struct SecondFactorTests {
    /// Enrols `email`'s second factor through the API at the clock's time; returns the secret and recovery codes.
    static func enrol(
        _ client: any TestClientProtocol, _ headers: HTTPFields, at date: Date
    ) async throws -> (secret: String, codes: [String]) {
        let offer = try await client.execute(uri: "/api/v1/me/second-factor", method: .post, headers: headers)
        #expect(offer.status == .ok)
        let document = try Body.object(offer)
        let secret = try #require(document["secret"] as? String)
        #expect((document["uri"] as? String)?.hasPrefix("otpauth://totp/KneeRehab:") == true)
        let code = TOTP(secret: try #require(Base32.decode(secret))).code(at: date)
        let confirmed = try await client.execute(
            uri: "/api/v1/me/second-factor/confirm", method: .post, headers: headers,
            body: Body.json(#"{"secret":"\#(secret)","code":"\#(code)"}"#))
        #expect(confirmed.status == .created)
        let codes = try #require(try Body.object(confirmed)["recoveryCodes"] as? [String])
        return (secret, codes)
    }

    static func login(_ client: any TestClientProtocol, _ email: String, code: String?) async throws -> TestResponse {
        let codeField = code.map { #","code":"\#($0)""# } ?? ""
        return try await client.execute(
            uri: "/api/v1/auth/login", method: .post,
            body: Body.json(#"{"email":"\#(email)","password":"\#(WebHarness.password)"\#(codeField)}"#))
    }

    @Test func anEnrolledAccountNeedsItsCodeAndEachCodeWorksOnce() async throws {
        let clock = TestClock()
        let harness = try await SessionLifetimeTests.harness(clock)
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let (secret, _) = try await Self.enrol(client, headers, at: clock.now)
            let totp = TOTP(secret: try #require(Base32.decode(secret)))

            let missing = try await Self.login(client, "ana@clinic.test", code: nil)
            #expect(missing.status == .unauthorized)
            #expect(try Body.error(missing).code == "second-factor-required")
            #expect(try Body.object(missing)["token"] == nil)

            let sameAsEnrolment = try await Self.login(client, "ana@clinic.test", code: totp.code(at: clock.now))
            #expect(sameAsEnrolment.status == .unauthorized, "the enrolment's code cannot sign in again")
            #expect(try Body.error(sameAsEnrolment).code == "bad-second-factor")

            clock.advance(30)
            let signedIn = try await Self.login(client, "ana@clinic.test", code: totp.code(at: clock.now))
            #expect(signedIn.status == .ok)
            let replay = try await Self.login(client, "ana@clinic.test", code: totp.code(at: clock.now))
            #expect(replay.status == .unauthorized, "a code is accepted once")

            clock.advance(30)
            let lateByOneStep = try await Self.login(
                client, "ana@clinic.test", code: totp.code(at: clock.now.addingTimeInterval(-30)))
            #expect(lateByOneStep.status == .unauthorized, "an earlier step than one already used")
            let spaced = totp.code(at: clock.now)
            let withSpace = String(spaced.prefix(3)) + " " + String(spaced.dropFirst(3))
            #expect(try await Self.login(client, "ana@clinic.test", code: withSpace).status == .ok)
        }
    }

    @Test func wrongCodesAreThrottledWithRetryAfter() async throws {
        let clock = TestClock()
        let harness = try await SessionLifetimeTests.harness(clock)
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let (secret, _) = try await Self.enrol(client, headers, at: clock.now)
            let right = TOTP(secret: try #require(Base32.decode(secret))).code(at: clock.now.addingTimeInterval(30))
            let wrong = right == "000000" ? "111111" : "000000"
            clock.advance(30)
            for _ in 0..<5 {
                let response = try await Self.login(client, "ana@clinic.test", code: wrong)
                #expect(response.status == .unauthorized)
            }
            let blocked = try await Self.login(client, "ana@clinic.test", code: right)
            #expect(blocked.status == .tooManyRequests, "even the right code waits")
            let wait = try #require(blocked.headers[.retryAfter].flatMap { Int($0) })
            #expect(wait > 0 && wait <= 900)
            clock.advance(TimeInterval(wait))
            let code = TOTP(secret: try #require(Base32.decode(secret))).code(at: clock.now)
            #expect(try await Self.login(client, "ana@clinic.test", code: code).status == .ok)
        }
    }

    @Test func aRecoveryCodeWorksOnceAndIsAudited() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let (_, codes) = try await Self.enrol(client, headers, at: WebHarness.clock)
            #expect(codes.count == 10 && Set(codes).count == 10)
            let first = try await Self.login(client, "ana@clinic.test", code: codes[0].uppercased())
            #expect(first.status == .ok)
            let again = try await Self.login(client, "ana@clinic.test", code: codes[0])
            #expect(again.status == .unauthorized)
            let status = try Body.object(
                try await client.execute(uri: "/api/v1/me/second-factor", method: .get, headers: headers))
            #expect(status["enrolled"] as? Bool == true && status["unusedRecoveryCodes"] as? Int == 9)
            let actions = try await harness.services.store.auditEntries(
                AuditQuery(accountID: harness.clinicianA.id)
            ).map(\.action)
            #expect(actions.contains(.secondFactorEnrol) && actions.contains(.recoveryCodeUse))
        }
    }

    @Test func aWrongConfirmingCodeNamesTheFieldAndEnrolsNothing() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let offer = try Body.object(
                try await client.execute(uri: "/api/v1/me/second-factor", method: .post, headers: headers))
            let secret = try #require(offer["secret"] as? String)
            let right = TOTP(secret: try #require(Base32.decode(secret))).code(at: WebHarness.clock)
            let response = try await client.execute(
                uri: "/api/v1/me/second-factor/confirm", method: .post, headers: headers,
                body: Body.json(#"{"secret":"\#(secret)","code":"\#(right == "123456" ? "654321" : "123456")"}"#))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).field == "code")
            #expect(try await harness.services.store.secondFactor(of: harness.clinicianA.id) == nil)
            #expect(try await Self.login(client, "ana@clinic.test", code: nil).status == .ok)
            let patient = try await client.addPatient(clinician: headers).headers
            let refused = try await client.execute(uri: "/api/v1/me/second-factor", method: .post, headers: patient)
            #expect(refused.status == .forbidden, "patients have no second factor")
        }
    }

    @Test func theCompulsorySettingSendsStaffToEnrolmentFirst() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let admin = try await client.signIn("root@clinic.test")
            let clinicianHeaders = try await client.signIn("ana@clinic.test")
            let forbidden = try await client.execute(
                uri: "/api/v1/admin/second-factor", method: .put, headers: clinicianHeaders,
                body: Body.json(#"{"required":true}"#))
            #expect(forbidden.status == .forbidden)
            let set = try await client.execute(
                uri: "/api/v1/admin/second-factor", method: .put, headers: admin, body: Body.json(#"{"required":true}"#)
            )
            #expect(set.status == .ok)
            let actions = try await harness.services.store.auditEntries(AuditQuery(accountID: harness.admin.id))
            #expect(actions.contains { $0.action == .secondFactorSetting })

            let login = try await Self.login(client, "ben@clinic.test", code: nil)
            #expect(login.status == .ok)
            #expect(try Body.object(login)["secondFactorEnrolmentRequired"] as? Bool == true)
            let token = try #require(try Body.object(login)["token"] as? String)
            let ben: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let list = try await client.execute(uri: "/api/v1/patients", method: .get, headers: ben)
            #expect(list.status == .forbidden)
            #expect(try Body.error(list).code == "second-factor-enrolment-required")

            var pages = PageClient(client)
            let signedIn = try await pages.signIn("ben@clinic.test")
            #expect(signedIn.headers[.location] == "/account/second-factor")
            let clinic = try await pages.get("/clinic")
            #expect(clinic.status == .seeOther && clinic.headers[.location] == "/account/second-factor")
            let enrolment = Body.text(try await pages.get("/account/second-factor"))
            #expect(enrolment.contains("Your clinic asks every clinician and admin for a second factor"))

            _ = try await Self.enrol(client, ben, at: WebHarness.clock)
            #expect(try await client.execute(uri: "/api/v1/patients", method: .get, headers: ben).status == .ok)
            #expect(try await pages.get("/clinic").status == .ok, "enrolling lifts the limit at once")
        }
    }

    @Test func thePagesAskForTheCodeAfterThePassword() async throws {
        let clock = TestClock()
        let harness = try await SessionLifetimeTests.harness(clock)
        try await harness.test { client in
            var pages = PageClient(client)
            _ = try await pages.signIn("ana@clinic.test")
            let enrolment = Body.text(try await pages.get("/account/second-factor"))
            let secret = try #require(PageClient.value(of: "secret", in: enrolment))
            let csrf = try #require(PageClient.value(of: "csrf", in: enrolment))
            #expect(enrolment.contains("otpauth://totp/KneeRehab:ana@clinic.test?secret=\(secret)"))
            let shown = try #require(enrolment.firstMatch(of: /<code class="uri">([^<]*)<\/code>/)?.1)
            let uri = shown.replacingOccurrences(of: "&amp;", with: "&")
            #expect(uri.contains("secret=\(secret)"))
            #expect(enrolment.contains(try QRCode(uri).svg()), "the address to scan")
            let totp = TOTP(secret: try #require(Base32.decode(secret)))
            let wrong = try await pages.post(
                "/account/second-factor", [("csrf", csrf), ("secret", secret), ("code", "12")])
            #expect(wrong.status == .unprocessableContent)
            #expect(PageClient.value(of: "secret", in: Body.text(wrong)) == secret, "the same secret again")
            let done = Body.text(
                try await pages.post(
                    "/account/second-factor", [("csrf", csrf), ("secret", secret), ("code", totp.code(at: clock.now))]))
            #expect(done.contains("Your recovery codes"))

            clock.advance(30)
            var fresh = PageClient(client)
            let password = try await fresh.signIn("ana@clinic.test")
            #expect(password.status == .ok)
            let step = Body.text(password)
            let pending = try #require(PageClient.value(of: "pending", in: step))
            let formToken = try #require(PageClient.value(of: "formToken", in: step))
            #expect(step.contains("autocomplete=\"one-time-code\""))
            let bad = try await fresh.post(
                "/login/code", [("formToken", formToken), ("pending", pending), ("code", "99999x")])
            #expect(bad.status == .unauthorized)
            let formToken2 = try #require(PageClient.value(of: "formToken", in: Body.text(bad)))
            let good = try await fresh.post(
                "/login/code", [("formToken", formToken2), ("pending", pending), ("code", totp.code(at: clock.now))])
            #expect(good.status == .seeOther && good.headers[.location] == "/clinic")

            clock.advance(30 + SecondFactors.pendingLifetime)
            var slow = PageClient(client)
            let slowStep = Body.text(try await slow.signIn("ana@clinic.test"))
            let slowPending = try #require(PageClient.value(of: "pending", in: slowStep))
            let slowToken = try #require(PageClient.value(of: "formToken", in: slowStep))
            clock.advance(SecondFactors.pendingLifetime + 1)
            let expired = try await slow.post(
                "/login/code",
                [("formToken", slowToken), ("pending", slowPending), ("code", totp.code(at: clock.now))])
            #expect(expired.status == .unauthorized && Body.text(expired).contains("took too long"))
        }
    }

    /// A clinician lost the phone and the recovery codes: an admin lists who has a second factor and removes hers.
    /// Her sign-ins end at once, she signs in with her password alone, and the trail names her account.
    @Test func anAdminRemovesALostPhonesSecondFactor() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let ana = try await client.signIn("ana@clinic.test")
            _ = try await Self.enrol(client, ana, at: WebHarness.clock)
            let admin = try await client.signIn("root@clinic.test")
            let id = harness.clinicianA.id
            let listed = try await client.execute(uri: "/api/v1/admin/second-factors", method: .get, headers: admin)
            #expect(listed.status == .ok)
            let holders = try #require(try JSONSerialization.jsonObject(with: Data(Body.text(listed).utf8)) as? [Any])
            let first = try #require(holders.first as? [String: Any])
            #expect(holders.count == 1 && first["accountId"] as? String == id.description)
            #expect(first["email"] as? String == "ana@clinic.test" && first["role"] as? String == "clinician")

            let byClinician = try await client.execute(
                uri: "/api/v1/admin/second-factors/\(id)", method: .delete, headers: ana)
            #expect(byClinician.status == .forbidden, "not even her own")
            #expect(try await harness.services.store.secondFactor(of: id) != nil)

            let removed = try await client.execute(
                uri: "/api/v1/admin/second-factors/\(id)", method: .delete, headers: admin, body: Self.adminProof)
            #expect(removed.status == .noContent)
            #expect(
                try await client.execute(uri: "/api/v1/me/second-factor", method: .get, headers: ana).status
                    == .unauthorized, "her sign-in ended at once")
            #expect(try await Self.login(client, "ana@clinic.test", code: nil).status == .ok, "the password alone")
            let again = try await client.execute(
                uri: "/api/v1/admin/second-factors/\(id)", method: .delete, headers: admin, body: Self.adminProof)
            #expect(again.status == .notFound, "nothing left to remove")
            _ = try await Self.enrol(client, admin, at: WebHarness.clock)
            let own = try await client.execute(
                uri: "/api/v1/admin/second-factors/\(harness.admin.id)", method: .delete, headers: admin)
            #expect(own.status == .unprocessableContent, "not the admin's own")
            #expect(try Body.error(own).field == "id")
            #expect(try await harness.services.store.secondFactor(of: harness.admin.id) != nil)
            let trail = try await client.execute(
                uri: "/api/v1/admin/audit?action=second-factor.remove", method: .get, headers: admin)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(Body.text(trail).utf8)) as? [Any])
            let entry = try #require(entries.first as? [String: Any])
            #expect(entries.count == 1 && entry["subjectEmail"] as? String == "ana@clinic.test")
            #expect(entry["accountEmail"] as? String == "root@clinic.test")
        }
    }

    /// The admin's password, as the body of a removal by an admin without a second factor.
    static let adminProof = Body.json(#"{"password":"\#(WebHarness.password)"}"#)

    /// A browser left signed in is not enough to remove someone's second factor: the admin types their password, or
    /// once they have a second factor, a fresh code from their own app. Nothing is removed until the proof is right.
    @Test func removingOneAsksTheAdminToProveItIsThem() async throws {
        let clock = TestClock()
        let harness = try await SessionLifetimeTests.harness(clock)
        try await harness.test { client in
            let ana = try await client.signIn("ana@clinic.test")
            _ = try await Self.enrol(client, ana, at: clock.now)
            let admin = try await client.signIn("root@clinic.test")
            let id = harness.clinicianA.id
            func remove(_ body: String?) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/admin/second-factors/\(id)", method: .delete, headers: admin,
                    body: body.map(Body.json))
            }
            let bare = try await remove(nil)
            #expect(bare.status == .unprocessableContent)
            #expect(try Body.error(bare).field == "password")
            let wrong = try await remove(#"{"password":"not the admin's password"}"#)
            #expect(wrong.status == .forbidden)
            #expect(try Body.error(wrong).field == "password")
            #expect(try await harness.services.store.secondFactor(of: id) != nil, "nothing removed yet")

            let (secret, _) = try await Self.enrol(client, admin, at: clock.now)
            let totp = TOTP(secret: try #require(Base32.decode(secret)))
            let byPassword = try await remove(#"{"password":"\#(WebHarness.password)"}"#)
            #expect(byPassword.status == .unprocessableContent)
            #expect(
                try Body.error(byPassword).field == "code", "with a second factor of their own, the code is the proof")
            let right = totp.code(at: clock.now)
            let nearby = Set([-30.0, 0, 30].map { totp.code(at: clock.now.addingTimeInterval($0)) })
            let wrongCode = try #require(
                (0...3).map { String(repeating: String($0), count: 6) }.first { !nearby.contains($0) })
            let mistyped = try await remove(#"{"code":"\#(wrongCode)"}"#)
            #expect(mistyped.status == .forbidden)
            #expect(try Body.error(mistyped).field == "code")
            let replayed = try await remove(#"{"code":"\#(right)"}"#)
            #expect(replayed.status == .forbidden, "the code that enrolled the app is spent")
            #expect(try await harness.services.store.secondFactor(of: id) != nil, "still nothing removed")

            clock.advance(30)
            let proven = try await remove(#"{"code":"\#(totp.code(at: clock.now))"}"#)
            #expect(proven.status == .noContent)
            #expect(try await harness.services.store.secondFactor(of: id) == nil)
        }
    }

    /// Making the second factor optional again lowers everyone's protection: the admin proves who they are first.
    /// Making it compulsory, or saving the setting unchanged, asks for nothing.
    @Test func makingItOptionalAsksTheAdminToProveItIsThem() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let admin = try await client.signIn("root@clinic.test")
            var pages = PageClient(client)
            _ = try await pages.signIn("root@clinic.test")
            let store = harness.services.store
            func put(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/admin/second-factor", method: .put, headers: admin, body: Body.json(body))
            }
            #expect(try await put(#"{"required":true}"#).status == .ok, "compulsory without a proof")
            #expect(try await put(#"{"required":true}"#).status == .ok, "and again")
            let bare = try await put(#"{"required":false}"#)
            #expect(bare.status == .unprocessableContent)
            #expect(try Body.error(bare).field == "password")
            let wrong = try await put(#"{"required":false,"password":"not the admin's password"}"#)
            #expect(wrong.status == .forbidden)
            #expect(try Body.error(wrong).field == "password")
            #expect(try await store.secondFactorRequired(), "still compulsory")
            #expect(try await put(#"{"required":false,"password":"\#(WebHarness.password)"}"#).status == .ok)
            #expect(try await store.secondFactorRequired() == false)
            #expect(try await put(#"{"required":false}"#).status == .ok, "optional already: nothing to prove")

            #expect(try await put(#"{"required":true}"#).status == .ok)
            let page = Body.text(try await pages.get("/account/second-factor"))
            #expect(page.contains("To make it optional, your own password"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let unproven = try await pages.post("/admin/second-factor", [("csrf", csrf)])
            #expect(unproven.status == .unprocessableContent)
            #expect(Body.text(unproven).contains("To make the second factor optional, type your own password."))
            #expect(try await store.secondFactorRequired(), "still compulsory")
            let proven = try await pages.post(
                "/admin/second-factor", [("csrf", csrf), ("password", WebHarness.password)])
            #expect(proven.status == .seeOther)
            #expect(try await store.secondFactorRequired() == false)
        }
    }

    @Test func theAdminsPageRemovesOneOnlyWhenTheLossIsConfirmed() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let ana = try await client.signIn("ana@clinic.test")
            _ = try await Self.enrol(client, ana, at: WebHarness.clock)
            var pages = PageClient(client)
            _ = try await pages.signIn("root@clinic.test")
            let page = Body.text(try await pages.get("/account/second-factor"))
            #expect(page.contains("Lost phones") && page.contains("ana@clinic.test"))
            let action = "/admin/second-factors/\(harness.clinicianA.id)/remove"
            #expect(page.contains(action))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))

            let forged = try await pages.post(action, [("confirm", "on")])
            #expect(forged.status == .forbidden, "no CSRF token, no removal")
            let unconfirmed = try await pages.post(action, [("csrf", csrf)])
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(Body.text(unconfirmed).contains("Tick the box"))
            #expect(try await harness.services.store.secondFactor(of: harness.clinicianA.id) != nil)

            #expect(page.contains("autocomplete=\"current-password\""), "the admin has no second factor: a password")
            let unproven = try await pages.post(
                action, [("csrf", csrf), ("confirm", "on"), ("password", "not the admin's password")])
            #expect(unproven.status == .unprocessableContent)
            #expect(Body.text(unproven).contains("Your password is not right."))
            #expect(try await harness.services.store.secondFactor(of: harness.clinicianA.id) != nil)

            let done = try await pages.post(
                action, [("csrf", csrf), ("confirm", "on"), ("password", WebHarness.password)])
            #expect(done.status == .seeOther && done.headers[.location] == "/account/second-factor?removed=1")
            #expect(try await harness.services.store.secondFactor(of: harness.clinicianA.id) == nil)
            let after = Body.text(try await pages.get("/account/second-factor?removed=1"))
            #expect(after.contains("every sign-in of that account has ended"))
            #expect(after.contains("Nobody else has a second factor"))

            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let hers = Body.text(try await clinician.get("/account/second-factor"))
            #expect(!hers.contains("Lost phones"), "only an admin sees the list")
            let refused = try await clinician.post(
                action,
                [
                    ("csrf", try #require(PageClient.value(of: "csrf", in: hers))), ("confirm", "on"),
                    ("password", WebHarness.password),
                ])
            #expect(refused.status == .forbidden)

            let system = AuditActor(.system, origin: "test", at: WebHarness.clock)
            try await harness.services.store.setSecondFactorRequired(true, by: system)
            var enrolling = PageClient(client)
            _ = try await enrolling.signIn("root@clinic.test")
            let limited = Body.text(try await enrolling.get("/account/second-factor"))
            #expect(limited.contains("Set up your authenticator app"))
            #expect(!limited.contains("Lost phones") && !limited.contains("Clinic setting"), "a password alone")
        }
    }

    /// PyPI pyotp (what many servers and apps use) makes the code for the secret this server issued; signing in
    /// accepts it. Needs `KNEEREHAB_TEST_INTEROP_PYTHON` with pyotp installed.
    @Test(.enabled(if: InteropPython.path != nil, "set KNEEREHAB_TEST_INTEROP_PYTHON to a Python with pyotp"))
    func pyotpMakesCodesThisServerAccepts() async throws {
        let clock = TestClock()
        let harness = try await SessionLifetimeTests.harness(clock)
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            let offer = try Body.object(
                try await client.execute(uri: "/api/v1/me/second-factor", method: .post, headers: headers))
            let uri = try #require(offer["uri"] as? String)
            let secret = try #require(offer["secret"] as? String)
            let epoch = Int(clock.now.timeIntervalSince1970)
            // pyotp reads the otpauth address as an authenticator app would.
            let first = try await InteropPython.run(
                "import pyotp,sys; print(pyotp.parse_uri(sys.argv[1]).at(int(sys.argv[2])))", uri, "\(epoch)")
            let confirmed = try await client.execute(
                uri: "/api/v1/me/second-factor/confirm", method: .post, headers: headers,
                body: Body.json(#"{"secret":"\#(secret)","code":"\#(first)"}"#))
            #expect(confirmed.status == .created)
            clock.advance(30)
            let next = try await InteropPython.run(
                "import pyotp,sys; print(pyotp.TOTP(sys.argv[1]).at(int(sys.argv[2])))", secret, "\(epoch + 30)")
            #expect(try await Self.login(client, "ana@clinic.test", code: next).status == .ok)
            let verified = try await InteropPython.run(
                "import pyotp,sys; print(pyotp.TOTP(sys.argv[1]).verify(sys.argv[2], for_time=int(sys.argv[3])))",
                secret, TOTP(secret: try #require(Base32.decode(secret))).code(at: clock.now), "\(epoch + 30)")
            #expect(verified == "True", "pyotp accepts this server's codes too")
        }
    }
}

/// The interop Python (`KNEEREHAB_TEST_INTEROP_PYTHON`), run with a script and arguments.
enum InteropPython {
    static let path: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_INTEROP_PYTHON"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// The script's standard output, trimmed; throws when it fails.
    static func run(_ script: String, _ arguments: String...) async throws -> String {
        let outcome = try await ChildProcess.run(try #require(path), ["-c", script] + arguments)
        try #require(outcome.succeeded, "python ended with \(outcome.exitStatus ?? -1): \(outcome.errorOutput)")
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
