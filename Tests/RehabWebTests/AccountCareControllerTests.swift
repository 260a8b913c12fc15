import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RehabCore
import Testing

@testable import RehabWeb

/// Account care over real HTTP on each engine: a password change ends the other sign-ins and keeps this one,
/// signing out everywhere ends them all, and a clinician's new invite ends a patient's password and sign-ins.
/// Every token is used just before the change, so the sign-in cache holds it (the test clock stands still, so
/// nothing in the cache ever goes stale by itself): only forgetting it makes it fail just after.
struct AccountCareControllerTests {
    static let newPassword = "a brand new secret 2026"

    @Test(arguments: WebEngine.all)
    func aPasswordChangeEndsTheOtherSignInsAndKeepsThisOne(engine: String) async throws {
        try await WebEngine.withHarness(engine) { harness in
            try await harness.live { client in
                let (this, other) = try await (client.signIn("ana@clinic.test"), client.signIn("ana@clinic.test"))
                let colleague = try await client.signIn("ben@clinic.test")
                for headers in [this, other, colleague] { #expect(try await Self.works(client, headers)) }
                let changed = try await Self.changePassword(
                    client, this, current: WebHarness.password, new: Self.newPassword)
                #expect(changed.status == .noContent)
                #expect(try await Self.works(client, this), "the sign-in in use stays")
                #expect(!(try await Self.works(client, other)), "the other sign-in ended")
                #expect(try await Self.works(client, colleague), "another account is untouched")
                #expect(try await Self.login(client, "ana@clinic.test", WebHarness.password).status == .unauthorized)
                #expect(try await Self.login(client, "ana@clinic.test", Self.newPassword).status == .ok)
                let audit = try await harness.services.store.auditEntries(
                    AuditQuery(accountID: harness.clinicianA.id, limit: 5))
                #expect(audit.contains { $0.action == .passwordChange })
            }
        }
    }

    @Test(arguments: WebEngine.all)
    func aPatientChangesTheirPasswordToo(engine: String) async throws {
        try await WebEngine.withHarness(engine) { harness in
            try await harness.live { client in
                let clinician = try await client.signIn("ana@clinic.test")
                let email = "rosa-\(UUID().uuidString.prefix(6))@home.test"
                let (_, phone) = try await client.addPatient(clinician: clinician, email: email)
                let laptop = try await client.signIn(email)
                #expect(try await Self.planWorks(client, phone))
                #expect(try await Self.planWorks(client, laptop))
                let changed = try await Self.changePassword(
                    client, phone, current: WebHarness.password, new: Self.newPassword)
                #expect(changed.status == .noContent)
                #expect(try await Self.planWorks(client, phone))
                #expect(!(try await Self.planWorks(client, laptop)))
                #expect(try await Self.login(client, email, Self.newPassword).status == .ok)
            }
        }
    }

    @Test(arguments: WebEngine.all)
    func aWrongCurrentPasswordChangesNothingAndIsThrottled(engine: String) async throws {
        try await WebEngine.withHarness(engine, throttleLimit: 2) { harness in
            try await harness.live { client in
                let (this, other) = try await (client.signIn("ana@clinic.test"), client.signIn("ana@clinic.test"))
                #expect(try await Self.works(client, other))
                for _ in 0..<2 {
                    let wrong = try await Self.changePassword(
                        client, this, current: "not my password", new: Self.newPassword)
                    #expect(wrong.status == .forbidden)
                    let error = try Body.error(wrong)
                    #expect(error.code == "wrong-password" && error.field == "currentPassword")
                }
                #expect(try await Self.works(client, other), "no sign-in ended")
                let blocked = try await Self.changePassword(
                    client, this, current: WebHarness.password, new: Self.newPassword)
                #expect(blocked.status == .tooManyRequests)
                #expect(blocked.headers[.retryAfter] != nil)
                #expect(try await Self.works(client, other))
                let audit = try await harness.services.store.auditEntries(
                    AuditQuery(accountID: harness.clinicianA.id, limit: 10))
                #expect(!audit.contains { $0.action == .passwordChange })
                let stored = try await harness.services.store.account(harness.clinicianA.id)
                #expect(stored.passwordHash == harness.clinicianA.passwordHash, "the password is unchanged")
            }
        }
    }

    @Test(arguments: [
        (#"{"currentPassword":"correct horse battery","newPassword":"short"}"#, "newPassword"),
        (#"{"currentPassword":"correct horse battery","newPassword":"\u0000 with a NUL inside"}"#, "newPassword"),
        (#"{"currentPassword":"","newPassword":"a brand new secret 2026"}"#, "currentPassword"),
        (#"{"newPassword":"a brand new secret 2026"}"#, "currentPassword"),
    ])
    func aBadRequestNamesItsFieldAndChangesNothing(body: String, field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.live { client in
            let (this, other) = try await (client.signIn("ana@clinic.test"), client.signIn("ana@clinic.test"))
            let response = try await client.execute(
                uri: "/api/v1/me/password", method: .post, headers: this, body: Body.json(body))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).field == field)
            #expect(try await Self.works(client, other))
            #expect(try await Self.login(client, "ana@clinic.test", WebHarness.password).status == .ok)
        }
    }

    @Test(arguments: WebEngine.all)
    func signingOutEverywhereEndsEverySignInOfTheAccount(engine: String) async throws {
        try await WebEngine.withHarness(engine) { harness in
            try await harness.live { client in
                let (this, other) = try await (client.signIn("ana@clinic.test"), client.signIn("ana@clinic.test"))
                let colleague = try await client.signIn("ben@clinic.test")
                for headers in [this, other, colleague] { #expect(try await Self.works(client, headers)) }
                let response = try await client.execute(
                    uri: "/api/v1/me/sign-out-everywhere", method: .post, headers: this)
                #expect(response.status == .noContent)
                #expect(!(try await Self.works(client, this)), "the current sign-in ended too")
                #expect(!(try await Self.works(client, other)))
                #expect(try await Self.works(client, colleague))
                #expect(try await Self.login(client, "ana@clinic.test", WebHarness.password).status == .ok)
                let again = try await client.execute(
                    uri: "/api/v1/me/sign-out-everywhere", method: .post, headers: this)
                #expect(again.status == .unauthorized)
                let audit = try await harness.services.store.auditEntries(
                    AuditQuery(accountID: harness.clinicianA.id, limit: 5))
                #expect(audit.contains { $0.action == .signOutEverywhere })
            }
        }
    }

    @Test(arguments: WebEngine.all)
    func aNewInviteEndsThePasswordAndSignInsAndClaimsAgain(engine: String) async throws {
        try await WebEngine.withHarness(engine) { harness in
            try await harness.live { client in
                let clinician = try await client.signIn("ana@clinic.test")
                let email = "rosa-\(UUID().uuidString.prefix(6))@home.test"
                let (id, phone) = try await client.addPatient(clinician: clinician, email: email)
                let laptop = try await client.signIn(email)
                #expect(try await Self.planWorks(client, phone))
                #expect(try await Self.planWorks(client, laptop))
                var headers = clinician
                headers[.init("Idempotency-Key")!] = "reinvite-1"
                let response = try await client.execute(
                    uri: "/api/v1/patients/\(id)/invite", method: .post, headers: headers)
                #expect(response.status == .created)
                let code = try #require(try Body.object(response)["inviteCode"] as? String)
                #expect(code.count == 11)
                let replay = try await client.execute(
                    uri: "/api/v1/patients/\(id)/invite", method: .post, headers: headers)
                #expect(replay.status == .created)
                #expect(try Body.object(replay)["inviteCode"] as? String == code, "a retry answers the same code")
                #expect(replay.headers[.init("Idempotent-Replayed")!] == "true")
                #expect(!(try await Self.planWorks(client, phone)), "every sign-in ended")
                #expect(!(try await Self.planWorks(client, laptop)))
                #expect(try await Self.login(client, email, WebHarness.password).status == .unauthorized)
                let claimed = try await client.execute(
                    uri: "/api/v1/auth/claim", method: .post,
                    body: Body.json(#"{"inviteCode":"\#(code)","password":"\#(Self.newPassword)"}"#))
                #expect(claimed.status == .ok)
                #expect(try await Self.login(client, email, Self.newPassword).status == .ok)
                let patient = try #require(PatientID(uuidString: id))
                let audit = try await harness.services.store.auditEntries(AuditQuery(patientID: patient, limit: 5))
                #expect(audit.filter { $0.action == .inviteReissue }.count == 1, "the retry changed nothing")
            }
        }
    }

    @Test(arguments: WebEngine.all)
    func anotherCliniciansPatientIs404AndNothingChanges(engine: String) async throws {
        try await WebEngine.withHarness(engine) { harness in
            try await harness.live { client in
                let owner = try await client.signIn("ana@clinic.test")
                let email = "rosa-\(UUID().uuidString.prefix(6))@home.test"
                let (id, patient) = try await client.addPatient(clinician: owner, email: email)
                #expect(try await Self.planWorks(client, patient))
                let other = try await client.signIn("ben@clinic.test")
                let refused = try await client.execute(
                    uri: "/api/v1/patients/\(id)/invite", method: .post, headers: other)
                let missing = try await client.execute(
                    uri: "/api/v1/patients/\(UUID())/invite", method: .post, headers: other)
                #expect(refused.status == .notFound)
                #expect(Body.text(refused) == Body.text(missing), "the same answer as a patient that does not exist")
                let admin = try await client.signIn("root@clinic.test")
                for headers in [patient, admin] {
                    let forbidden = try await client.execute(
                        uri: "/api/v1/patients/\(id)/invite", method: .post, headers: headers)
                    #expect(forbidden.status == .forbidden)
                }
                let anonymous = try await client.execute(uri: "/api/v1/patients/\(id)/invite", method: .post)
                #expect(anonymous.status == .unauthorized)
                #expect(try await Self.planWorks(client, patient), "the patient is still signed in")
                #expect(try await Self.login(client, email, WebHarness.password).status == .ok)
            }
        }
    }

    /// Every line the app logs at trace level while all three actions run: no password, invite code or email.
    @Test func noPasswordOrCodeReachesTheLog() async throws {
        let harness = try await WebHarness.make()
        let captured = CapturedLog()
        var logger = Logger(label: "test") { _ in CapturingLogHandler(log: captured) }
        logger.logLevel = .trace
        let dependencies = WebDependencies(
            services: harness.services, configuration: harness.configuration, metrics: nil)
        let code = try await buildApplication(dependencies, logger: logger).test(.live) { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let email = "rosa-\(UUID().uuidString.prefix(6))@home.test"
            let (id, patient) = try await client.addPatient(clinician: clinician, email: email)
            _ = try await Self.changePassword(client, patient, current: "a wrong one, 1", new: Self.newPassword)
            let changed = try await Self.changePassword(
                client, patient, current: WebHarness.password, new: Self.newPassword)
            #expect(changed.status == .noContent)
            _ = try await client.execute(uri: "/api/v1/me/sign-out-everywhere", method: .post, headers: patient)
            let issued = try await client.execute(
                uri: "/api/v1/patients/\(id)/invite", method: .post, headers: clinician)
            return (try #require(try Body.object(issued)["inviteCode"] as? String), email)
        }
        let text = captured.text
        #expect(text.contains("/api/v1/me/password"), "the log was captured")
        for secret in [WebHarness.password, Self.newPassword, "a wrong one, 1", code.0, code.1] {
            #expect(!text.contains(secret))
        }
    }

    // MARK: - Helpers

    static func changePassword(
        _ client: some TestClientProtocol, _ headers: HTTPFields, current: String, new: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/me/password", method: .post, headers: headers,
            body: Body.json(#"{"currentPassword":"\#(current)","newPassword":"\#(new)"}"#))
    }

    static func login(_ client: some TestClientProtocol, _ email: String, _ password: String) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/api/v1/auth/login", method: .post,
            body: Body.json(#"{"email":"\#(email)","password":"\#(password)"}"#))
    }

    /// Whether a clinician's token still reads their list.
    static func works(_ client: some TestClientProtocol, _ headers: HTTPFields) async throws -> Bool {
        let response = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
        #expect(response.status == .ok || response.status == .unauthorized)
        return response.status == .ok
    }

    /// Whether a patient's token still reads their plan.
    static func planWorks(_ client: some TestClientProtocol, _ headers: HTTPFields) async throws -> Bool {
        let response = try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: headers)
        #expect(response.status == .ok || response.status == .unauthorized)
        return response.status == .ok
    }
}

/// Log lines kept in memory.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        lines.append(line)
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }
}

/// A log handler that keeps each event's message and metadata.
struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    var metadataProvider: Logger.MetadataProvider?

    func log(event: LogEvent) {
        log.append("\(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
