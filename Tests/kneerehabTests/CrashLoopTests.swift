import Foundation
import GRDB
import RehabSQLite
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `kneerehab serve` killed with SIGKILL twenty times while three clients post sessions, each with its own
/// `Idempotency-Key`; every write not answered before a kill is sent again, with its key, after the restart. In
/// the end every key's session is stored exactly once, and SQLite's file passes `PRAGMA integrity_check`.
@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct CrashLoopTests {
    static let kills = 20
    static let writers = 3
    /// Sessions acknowledged in each round before its kill.
    static let acknowledgedPerRound = 6
    static let password = "correct horse battery"

    @Test func sqliteKeepsEveryAcknowledgedSessionOnceThroughTwentyKills() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crash-loop-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("clinic.sqlite").path
        try await Self.crashLoop(database: database)
        let store = try SQLiteStore(path: database, migrate: false)
        let check = try await store.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(check == ["ok"])
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSTGRES_URL"] != nil,
            "set KNEEREHAB_TEST_POSTGRES_URL"))
    func postgresKeepsEveryAcknowledgedSessionOnceThroughTwentyKills() async throws {
        try await Self.crashLoop(
            database: try #require(ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSTGRES_URL"]))
    }

    /// Runs the loop on `database` and checks the patient's record holds each key's session exactly once.
    static func crashLoop(database: String) async throws {
        let email = "crash-\(UUID().uuidString.prefix(8).lowercased())@clinic.test"
        let added = try await KneeRehabBinary.run(
            ["user", "add", "--role", "clinician", "--email", email, "--name", "Crash Test", "--database", database],
            input: password + "\n")
        try #require(added.status == 0, "\(added.err)")
        var server = try await KneeRehabServer(database: database)
        defer { server.process.send(SIGKILL) }
        let (patientID, clinician, patient) = try await Self.patient(at: server.address, clinicianEmail: email)

        let ledger = Ledger()
        var replayedAfterKill = 0
        for _ in 0..<kills {
            let client = Client(address: server.address)
            let target = await ledger.acknowledged.count + acknowledgedPerRound
            let writing = (0..<writers).map { _ in
                Task { await client.writeUntilStopped(token: patient, ledger: ledger) }
            }
            let deadline = Date().addingTimeInterval(60)
            while await ledger.acknowledged.count < target, Date() < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            // Writers still waiting for an answer are caught by the kill; none starts another write after it.
            await ledger.stop()
            let killed = try await server.stop(signal: SIGKILL)
            #expect(killed.signal == SIGKILL)
            for task in writing { await task.value }
            client.close()
            await ledger.resume()

            server = try await KneeRehabServer(database: database)
            let retry = Client(address: server.address)
            for number in await ledger.takeUnanswered() {
                let (status, id, replayed) = try await retry.post(number, token: patient)
                #expect(status == 201, "the retry of session \(number) after a restart")
                if let id { await ledger.acknowledge(number, id: id) }
                if replayed { replayedAfterKill += 1 }
            }
            retry.close()
        }
        let acknowledged = await ledger.acknowledged
        #expect(await ledger.issued == acknowledged.count, "every write was in the end acknowledged")
        #expect(Set(acknowledged.values).count == acknowledged.count, "one session id per key")

        let record = try await Client(address: server.address).get("patients/\(patientID)/record", token: clinician)
        let sessions = try #require(record["sessions"] as? [[String: Any]])
        let numbers = sessions.compactMap { session -> Int? in
            guard let exercise = (session["exercises"] as? [[String: Any]])?.first,
                let sets = exercise["sets"] as? Int, let reps = exercise["reps"] as? Int
            else { return nil }
            return Client.number(sets: sets, reps: reps)
        }
        #expect(numbers.count == acknowledged.count, "no session stored twice")
        #expect(Set(numbers) == Set(acknowledged.keys), "every acknowledged session stored")
        // The figures for the commit message: how many writes there were and how many a kill caught after their
        // commit but before their answer (replayed on retry).
        print(
            "crash loop on \(database.hasPrefix("postgres") ? "PostgreSQL" : "SQLite"): \(kills) kills, \(acknowledged.count) sessions, \(replayedAfterKill) replayed after a kill"
        )
    }

    /// A clinician's token, a new patient's id and the patient's token.
    static func patient(at address: String, clinicianEmail: String) async throws -> (String, String, String) {
        let client = Client(address: address)
        defer { client.close() }
        let signedIn = try await client.post("auth/login", #"{"email":"\#(clinicianEmail)","password":"\#(password)"}"#)
        let clinician = try #require(signedIn["token"] as? String)
        let created = try await client.post(
            "patients",
            #"{"name":"Crash Patient","email":"p-\#(UUID().uuidString.prefix(8))@home.test","surgery":{"kind":"total-knee-replacement","side":"left","date":"\#(Client.day(-100))"}}"#,
            token: clinician)
        let code = try #require(created["inviteCode"] as? String)
        let claimed = try await client.post("auth/claim", #"{"inviteCode":"\#(code)","password":"\#(password)"}"#)
        return (try #require(created["id"] as? String), clinician, try #require(claimed["token"] as? String))
    }
}

/// Which session numbers were handed out, which were acknowledged (with the stored id) and which lost their
/// answer to a kill.
actor Ledger {
    private(set) var issued = 0
    private(set) var acknowledged: [Int: String] = [:]
    private var unanswered: [Int] = []
    private(set) var isStopped = false

    /// The next number to write, or nil once stopped.
    func next() -> Int? {
        guard !isStopped else { return nil }
        issued += 1
        return issued - 1
    }

    func acknowledge(_ number: Int, id: String) { acknowledged[number] = id }
    func lose(_ number: Int) { unanswered.append(number) }
    func stop() { isStopped = true }
    func resume() { isStopped = false }

    func takeUnanswered() -> [Int] {
        defer { unanswered = [] }
        return unanswered.sorted()
    }
}

/// Plain HTTP to one server over its own `URLSession` (no connection outlives a server).
final class Client: Sendable {
    let address: String
    private let session: URLSession

    init(address: String) {
        self.address = address
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    func close() { session.invalidateAndCancel() }

    /// Session `number` is the only one with its sets and reps, so the stored record shows which keys it holds.
    static func body(_ number: Int) -> String {
        #"{"date":"\#(day(-1))","painAfter":1,"exercises":[{"id":"quad-set","sets":\#(1 + number / 200),"reps":\#(number % 200),"painDuring":1}]}"#
    }

    static func number(sets: Int, reps: Int) -> Int { (sets - 1) * 200 + reps }

    /// The day `offset` days from today, as the server's calendar names it.
    static func day(_ offset: Int) -> String {
        ISO8601DateFormatter.string(
            from: Date().addingTimeInterval(Double(offset) * 86_400), timeZone: .current, formatOptions: [.withFullDate]
        )
    }

    /// Posts sessions one after another until the ledger stops; a write that gets no answer is noted as lost.
    func writeUntilStopped(token: String, ledger: Ledger) async {
        while let number = await ledger.next() {
            do {
                let (status, id, _) = try await post(number, token: token)
                if status == 201, let id {
                    await ledger.acknowledge(number, id: id)
                } else {
                    await ledger.lose(number)
                }
            } catch {
                await ledger.lose(number)
            }
        }
    }

    /// Posts session `number` with its key; the status, the stored id and whether the answer was a replay.
    func post(_ number: Int, token: String) async throws -> (Int, String?, Bool) {
        var request = try makeRequest("me/sessions", token: token)
        request.httpMethod = "POST"
        request.setValue("crash-\(number)", forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(Self.body(number).utf8)
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (
            http.statusCode, document?["id"] as? String,
            http.value(forHTTPHeaderField: "Idempotent-Replayed") == "true"
        )
    }

    func post(_ path: String, _ body: String, token: String? = nil) async throws -> [String: Any] {
        var request = try makeRequest(path, token: token)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        let (data, _) = try await session.data(for: request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func get(_ path: String, token: String) async throws -> [String: Any] {
        let (data, _) = try await session.data(for: try makeRequest(path, token: token))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func makeRequest(_ path: String, token: String?) throws -> URLRequest {
        var request = URLRequest(url: try #require(URL(string: "\(address)api/v1/\(path)")))
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return request
    }
}
