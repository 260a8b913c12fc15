import Foundation
import RehabChildProcess
import RehabCore
import RehabSQLite
import RehabTesting
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `kneerehab serve --smtp` end to end, with a real SMTP server (PyPI aiosmtpd): an emergency check-in's notice
/// reaches the patient's clinician within seconds and says nothing about the patient's health; and a notice owed
/// when the server is killed (SIGKILL) before it could send arrives exactly once after a restart.
@Suite(
    .enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"),
    .enabled(if: SMTPSink.python != nil, "set KNEEREHAB_TEST_INTEROP_PYTHON to a Python with aiosmtpd"))
struct ServeMailTests {
    static let password = "correct horse battery"

    /// A database with one clinician.
    static func database() async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-mail-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("clinic.sqlite").path
        let added = try await KneeRehabBinary.run(
            [
                "user", "add", "--role", "clinician", "--email", "ana@clinic.test", "--name", "Ana Pérez", "--database",
                database,
            ], input: password + "\n")
        #expect(added.status == 0, "\(added.err)")
        return database
    }

    /// Adds a patient through the API and sends an emergency check-in as them; returns the patient's id and when
    /// the check-in was sent.
    static func emergencyCheckIn(at address: String) async throws -> (id: String, sent: Date) {
        let clinician = try await post(address, "auth/login", #"{"email":"ana@clinic.test","password":"\#(password)"}"#)
        let token = try #require(clinician["token"] as? String)
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        let created = try await post(
            address, "patients",
            #"{"name":"Rosa Díaz","email":"rosa@home.test","surgery":{"kind":"total-knee-replacement","side":"left","date":"\#(today)"}}"#,
            token: token)
        let code = try #require(created["inviteCode"] as? String)
        let claimed = try await post(address, "auth/claim", #"{"inviteCode":"\#(code)","password":"\#(password)"}"#)
        let patient = try #require(claimed["token"] as? String)
        let sent = Date()
        let triage = try await post(
            address, "me/checkins", #"{"date":"\#(today)","painAtRest":4,"chestPainOrBreathless":true}"#,
            token: patient)
        #expect(triage["level"] as? String == "emergency" && triage["alertRaised"] as? Bool == true)
        return (try #require(created["id"] as? String), sent)
    }

    static func post(_ address: String, _ path: String, _ body: String, token: String? = nil) async throws
        -> [String: Any]
    {
        var request = URLRequest(url: try #require(URL(string: "\(address)api/v1/\(path)")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(body.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Checks a notice says there is something to look at and nothing about the patient.
    static func expectNoHealthData(_ mail: ReceivedMail) {
        let subject = mail.subject
        let body = mail.body ?? ""
        #expect(subject == "You have a new emergency alert in KneeRehab")
        #expect(mail.rcptTos == ["ana@clinic.test"])
        #expect(body.contains("/login"))
        for word in ["Rosa", "Díaz", "chest", "breath", "pain", "knee replacement", "911"] {
            #expect(!subject.contains(word) && !body.lowercased().contains(word.lowercased()), "\(word)")
        }
    }

    @Test func anEmergencyNoticeArrivesWithinTenSeconds() async throws {
        let database = try await Self.database()
        let sink = try await SMTPSink()
        defer { sink.end() }
        let server = try await KneeRehabServer(database: database, smtpPort: sink.port)
        defer { server.process.send(SIGTERM) }
        let (_, sent) = try await Self.emergencyCheckIn(at: server.address)
        let mails = try await sink.waitForMessages(1, within: 10)
        #expect(mails.count == 1, "a notice within 10 seconds")
        #expect(Date().timeIntervalSince(sent) < 10)
        if let mail = mails.first { Self.expectNoHealthData(mail) }
    }

    /// A second factor removed (here from the command line, a separate process) while the server runs: the account
    /// hears of it by mail, once, in case they did not ask for it.
    @Test func aRemovedSecondFactorIsMailedToItsAccount() async throws {
        let database = try await Self.database()
        let store = try SQLiteStore(path: database, migrate: false)
        let account = try #require(try await store.account(email: "ana@clinic.test"))
        try await store.enrolSecondFactor(
            StoredSecondFactor(accountID: account.id, sealedSecret: Data([7]), enrolledAt: Date()),
            recoveryCodeHashes: ["r"], by: AuditActor(.system, origin: "test", at: Date()))
        let sink = try await SMTPSink()
        defer { sink.end() }
        let server = try await KneeRehabServer(database: database, smtpPort: sink.port)
        defer { server.process.send(SIGTERM) }
        let removed = try await KneeRehabBinary.run(
            ["user", "remove-second-factor", "--email", "ana@clinic.test", "--database", database], input: "")
        #expect(removed.status == 0, "\(removed.err)")
        let mails = try await sink.waitForMessages(1, within: 20)
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.rcptTos == ["ana@clinic.test"])
        #expect(mail.subject == "The second factor of your KneeRehab account was removed")
        #expect(mail.body?.contains("If you did not ask for this") == true)
    }

    @Test func aNoticeOwedWhenTheServerIsKilledArrivesOnceAfterARestart() async throws {
        let database = try await Self.database()
        // A port with no SMTP server yet: the notice cannot go before the kill.
        let port = try await SMTPSink.freePort()
        var server = try await KneeRehabServer(database: database, smtpPort: port)
        let (patient, _) = try await Self.emergencyCheckIn(at: server.address)
        let patientID = try #require(PatientID(uuidString: patient))
        // Wait (with a deadline) until the server has tried once and failed, so the kill falls between the
        // committed check-in and the notice's delivery, not inside an attempt.
        let watcher = try SQLiteStore(path: database, migrate: false)
        let deadline = Date().addingTimeInterval(10)
        func triedOnce() async throws -> Bool {
            let row = try await watcher.outboxMail(of: patientID).first
            return row?.state == .pending && (row?.attempts ?? 0) >= 1
        }
        while Date() < deadline, try await !triedOnce() {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await watcher.outboxMail(of: patientID).map(\.state) == [.pending], "tried, not sent")
        try await server.stop(signal: SIGKILL)
        let sink = try await SMTPSink(port: port)
        defer { sink.end() }
        server = try await KneeRehabServer(database: database, smtpPort: port)
        let mails = try await sink.waitForMessages(1, within: 40)
        try await server.stop(signal: SIGTERM)
        #expect(mails.count == 1)
        if let mail = mails.first { Self.expectNoHealthData(mail) }
        let rows = try await watcher.outboxMail(of: patientID)
        #expect(rows.map(\.state) == [.sent], "the notice is marked sent, so it never goes again")
        #expect(try sink.messages().count == 1, "exactly once")
        #expect(rows.first.map { mails.first?.messageId == "<\($0.id)@clinic.test>" } == true)
    }
}
