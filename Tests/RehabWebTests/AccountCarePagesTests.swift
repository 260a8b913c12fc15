import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// Account care as pages: the patient's settings page and everyone else's account page carry "Change password"
/// and "Sign out everywhere" (with CSRF tokens), and the clinician's patient page gives a new invite code.
struct AccountCarePagesTests {
    static let newPassword = "a brand new secret 2026"

    /// A harness with one patient who has claimed their invite, signed in on two page clients (a phone and a
    /// laptop); returns the patient's email and id too.
    static func withPatient(
        _ body: @Sendable (WebHarness, any TestClientProtocol, String, String) async throws -> Void
    ) async throws {
        let harness = try await WebHarness.make()
        try await harness.live { client in
            let email = "rosa-\(UUID().uuidString.prefix(6))@home.test"
            let (id, _) = try await client.addPatient(
                clinician: try await client.signIn("ana@clinic.test"), email: email)
            try await body(harness, client, email, id)
        }
    }

    @Test func aPatientChangesTheirPasswordOnTheSettingsPage() async throws {
        try await Self.withPatient { _, client, email, _ in
            var (phone, laptop) = (PageClient(client), PageClient(client))
            _ = try await phone.signIn(email)
            _ = try await laptop.signIn(email)
            #expect(try await laptop.get("/settings").status == .ok)
            let page = Body.text(try await phone.get("/settings"))
            #expect(page.contains("Change your password") && page.contains("Sign out everywhere"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let wrong = try await phone.post(
                "/settings", Self.change(csrf, current: "not my password", new: Self.newPassword))
            #expect(wrong.status == .forbidden)
            #expect(Body.text(wrong).contains("Your current password is not right."))
            let different = try await phone.post(
                "/settings", Self.change(csrf, current: WebHarness.password, new: Self.newPassword, again: "other"))
            #expect(different.status == .unprocessableContent)
            #expect(Body.text(different).contains("The two new passwords are not the same."))
            let short = try await phone.post("/settings", Self.change(csrf, current: WebHarness.password, new: "short"))
            #expect(short.status == .unprocessableContent)
            #expect(Body.text(short).contains("The new password must have at least 8 characters"))
            #expect(try await laptop.get("/settings").status == .ok, "nothing changed yet")
            let done = try await phone.post(
                "/settings", Self.change(csrf, current: WebHarness.password, new: Self.newPassword))
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/settings?password=changed#password")
            #expect(Body.text(try await phone.get("/settings?password=changed")).contains("Your password is changed"))
            let signedOut = try await laptop.get("/settings")
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/login")
            var again = PageClient(client)
            #expect(try await again.signIn(email, password: Self.newPassword).status == .seeOther)
        }
    }

    @Test func aPatientSignsOutEverywhere() async throws {
        try await Self.withPatient { _, client, email, _ in
            var (phone, laptop) = (PageClient(client), PageClient(client))
            _ = try await phone.signIn(email)
            _ = try await laptop.signIn(email)
            let csrf = try #require(PageClient.value(of: "csrf", in: Body.text(try await phone.get("/settings"))))
            let forged = try await phone.post("/settings", [("action", "everywhere")])
            #expect(forged.status == .forbidden)
            #expect(try await laptop.get("/today").status == .ok, "a forged form ends nothing")
            let response = try await phone.post("/settings", [("csrf", csrf), ("action", "everywhere")])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?signedOut=everywhere")
            let cleared = response.headers[.setCookie] ?? ""
            #expect(cleared.hasPrefix("kr_session=;") && cleared.contains("Max-Age=0"), "the cookie is cleared")
            let login = Body.text(try await phone.get("/login?signedOut=everywhere"))
            #expect(login.contains("You are signed out on every phone and computer."))
            #expect(try await laptop.get("/today").headers[.location] == "/login")
        }
    }

    @Test func aClinicianHasAnAccountPageWithTheSameForms() async throws {
        let harness = try await WebHarness.make()
        try await harness.live { client in
            var (desk, home) = (PageClient(client), PageClient(client))
            _ = try await desk.signIn("ana@clinic.test")
            _ = try await home.signIn("ana@clinic.test")
            let clinic = Body.text(try await desk.get("/clinic"))
            #expect(clinic.contains("href=\"/account\""))
            let page = Body.text(try await desk.get("/account"))
            #expect(page.contains("Change your password") && page.contains("Sign out everywhere"))
            #expect(page.contains("action=\"/account\""))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let done = try await desk.post(
                "/account", Self.change(csrf, current: WebHarness.password, new: Self.newPassword))
            #expect(done.headers[.location] == "/account?password=changed")
            #expect(try await desk.get("/clinic").status == .ok)
            #expect(try await home.get("/clinic").headers[.location] == "/login")
            let everywhere = try await desk.post("/account", [("csrf", csrf), ("action", "everywhere")])
            #expect(everywhere.headers[.location] == "/login?signedOut=everywhere")
            #expect(try await desk.get("/clinic").headers[.location] == "/login")
        }
    }

    @Test func aPatientsAccountLinkLeadsToSettings() async throws {
        try await Self.withPatient { _, client, email, _ in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            #expect(try await patient.get("/account").headers[.location] == "/settings#password")
            var anonymous = PageClient(client)
            #expect(try await anonymous.get("/account").headers[.location] == "/login")
        }
    }

    @Test func aClinicianGivesANewInviteCodeFromThePatientPage() async throws {
        try await Self.withPatient { _, client, email, id in
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let page = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(page.contains("action=\"/clinic/patients/\(id)/invite\"") && page.contains("New invite code"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let forged = try await clinician.post("/clinic/patients/\(id)/invite", [])
            #expect(forged.status == .forbidden)
            #expect(try await patient.get("/today").status == .ok, "a forged form changes nothing")
            let issued = try await clinician.post("/clinic/patients/\(id)/invite", [("csrf", csrf)])
            #expect(issued.status == .created)
            let text = Body.text(issued)
            #expect(text.contains("This code is shown only once"))
            let code = try #require(Self.code(in: text))
            #expect(try await patient.get("/today").headers[.location] == "/login", "the patient is signed out")
            var claim = PageClient(client)
            let form = Body.text(try await claim.get("/claim"))
            let token = try #require(PageClient.value(of: "formToken", in: form))
            let claimed = try await claim.post(
                "/claim",
                [
                    ("formToken", token), ("inviteCode", code), ("password", Self.newPassword),
                    ("passwordAgain", Self.newPassword),
                ])
            #expect(claimed.headers[.location] == "/today")
            var other = PageClient(client)
            _ = try await other.signIn("ben@clinic.test")
            let otherCSRF = try #require(PageClient.value(of: "csrf", in: Body.text(try await other.get("/clinic"))))
            let refused = try await other.post("/clinic/patients/\(id)/invite", [("csrf", otherCSRF)])
            #expect(refused.status == .notFound)
            #expect(try await claim.get("/today").status == .ok, "another clinician changed nothing")
        }
    }

    static func change(_ csrf: String, current: String, new: String, again: String? = nil) -> [(String, String)] {
        [
            ("csrf", csrf), ("action", "password"), ("currentPassword", current), ("newPassword", new),
            ("newPasswordAgain", again ?? new),
        ]
    }

    /// The invite code shown on the page (`<p class="code">ABCDE-FGHJK</p>`).
    static func code(in html: String) -> String? {
        guard let start = html.range(of: "<p class=\"code\">") else { return nil }
        let rest = html[start.upperBound...]
        return rest.firstIndex(of: "<").map { String(rest[..<$0]) }
    }
}
