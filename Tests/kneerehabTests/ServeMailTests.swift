import Foundation
import RehabCore
import RehabSQLite
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `kneerehab serve --smtp` end to end, with a real SMTP server (PyPI aiosmtpd): an emergency check-in's notice
/// reaches the patient's clinician within seconds and says nothing about the patient's health; and a notice owed
/// when the server is killed (SIGKILL) before it could send arrives exactly once after a restart.
@Suite(
    .enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"),
    .enabled(if: MailSink.python != nil, "set KNEEREHAB_TEST_INTEROP_PYTHON to a Python with aiosmtpd"))
struct ServeMailTests {
    static let password = "correct horse battery"

    /// A database with one clinician.
    static func database() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-mail-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("clinic.sqlite").path
        let added = try KneeRehabBinary.run(
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
    static func expectNoHealthData(_ mail: [String: Any]) {
        let subject = mail["subject"] as? String ?? ""
        let body = mail["body"] as? String ?? ""
        #expect(subject == "You have a new emergency alert in KneeRehab")
        #expect(mail["rcpt_tos"] as? [String] == ["ana@clinic.test"])
        #expect(body.contains("/login"))
        for word in ["Rosa", "Díaz", "chest", "breath", "pain", "knee replacement", "911"] {
            #expect(!subject.contains(word) && !body.lowercased().contains(word.lowercased()), "\(word)")
        }
    }

    @Test func anEmergencyNoticeArrivesWithinTenSeconds() async throws {
        let database = try Self.database()
        let sink = try MailSink()
        defer { sink.stop() }
        let server = try KneeRehabServer(database: database, smtpPort: sink.port)
        defer { server.stop(signal: SIGTERM) }
        let (_, sent) = try await Self.emergencyCheckIn(at: server.address)
        let mails = try await sink.waitForMessages(1, within: 10)
        #expect(mails.count == 1, "a notice within 10 seconds")
        #expect(Date().timeIntervalSince(sent) < 10)
        if let mail = mails.first { Self.expectNoHealthData(mail) }
    }

    @Test func aNoticeOwedWhenTheServerIsKilledArrivesOnceAfterARestart() async throws {
        let database = try Self.database()
        // A port with no SMTP server yet: the notice cannot go before the kill.
        let port = try MailSink.freePort()
        var server = try KneeRehabServer(database: database, smtpPort: port)
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
        server.stop(signal: SIGKILL)
        let sink = try MailSink(port: port)
        defer { sink.stop() }
        server = try KneeRehabServer(database: database, smtpPort: port)
        let mails = try await sink.waitForMessages(1, within: 40)
        server.stop(signal: SIGTERM)
        #expect(mails.count == 1)
        if let mail = mails.first { Self.expectNoHealthData(mail) }
        let rows = try await watcher.outboxMail(of: patientID)
        #expect(rows.map(\.state) == [.sent], "the notice is marked sent, so it never goes again")
        #expect(try sink.messages().count == 1, "exactly once")
        #expect(rows.first.map { mails.first?["message_id"] as? String == "<\($0.id)@clinic.test>" } == true)
    }
}

/// `kneerehab serve` on a free port, with mail through 127.0.0.1:`smtpPort` when given.
struct KneeRehabServer {
    let process: Process
    let address: String

    init(database: String, smtpPort: Int? = nil) throws {
        let process = Process()
        process.executableURL = try #require(KneeRehabBinary.url)
        process.arguments = ["serve", "--port", "0", "--database", database]
        if let smtpPort {
            process.arguments? += [
                "--smtp", "smtp://127.0.0.1:\(smtpPort)", "--mail-from", "rehab@clinic.test", "--clinic-name",
                "Riverside Knee Clinic",
            ]
        }
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var output = ""
        while !output.contains("Ready in") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
        }
        // Keep reading what the server prints afterwards, so a full pipe never stops it.
        let reader = stdout.fileHandleForReading
        Thread.detachNewThread { while !reader.availableData.isEmpty {} }
        self.process = process
        address = try #require(
            output.split(separator: "\n").first { $0.hasPrefix("KneeRehab is running at ") }?
                .replacingOccurrences(of: "KneeRehab is running at ", with: ""))
    }

    func stop(signal: Int32) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}

/// `tools/mail/smtp_sink.py` (aiosmtpd) on 127.0.0.1: each accepted message becomes a JSON file.
final class MailSink {
    static let python: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_INTEROP_PYTHON"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/mail/smtp_sink.py").path

    let port: Int
    let folder: URL
    private let process: Process
    private let input = Pipe()

    /// Starts the server (on `port`, or one the system picks) and reads the port it prints.
    init(port: Int = 0) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID())")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = [Self.script, folder.path, "--port", String(port)]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        var printed = ""
        while !printed.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let line = printed.split(separator: "\n").first { $0.hasPrefix("PORT ") }
        self.port = try #require(line.flatMap { Int($0.dropFirst(5)) })
    }

    /// A port free a moment ago: a sink's, after it stopped.
    static func freePort() throws -> Int {
        let sink = try MailSink()
        sink.stop()
        return sink.port
    }

    /// The stored messages, oldest first.
    func messages() throws -> [[String: Any]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted().map {
            try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent($0)))
                    as? [String: Any])
        }
    }

    /// Polls until `count` messages are stored or `seconds` pass.
    func waitForMessages(_ count: Int, within seconds: TimeInterval) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        var found = try messages()
        while found.count < count, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            found = try messages()
        }
        return found
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
