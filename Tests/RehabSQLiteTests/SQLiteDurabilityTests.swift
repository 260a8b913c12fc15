import Foundation
import GRDB
import RehabChildProcess
import RehabCore
import RehabSQLite
import RehabTesting
import Testing

/// Session ids the writer has seen acknowledged, shared between the writing task and the test.
actor Acknowledged {
    private(set) var ids: [SessionID] = []
    private var stopped = false
    func add(_ id: SessionID) { ids.append(id) }
    func stop() { stopped = true }
    var isStopped: Bool { stopped }
}

struct SQLiteDurabilityTests {
    @Test func backupDuringWritesHoldsEveryEarlierCommit() async throws {
        let path = try TemporaryDatabase.path()
        let store = try SQLiteStore(path: path)
        let clinic = try await Self.patient(store)
        let acknowledged = Acknowledged()
        let writer = Task {
            var index = 0
            while !(await acknowledged.isStopped) {
                let write = SessionWrite(patientID: clinic, session: Self.session(index), note: "n")
                _ = try await store.recordSession(
                    write, idempotency: nil, by: Self.system, review: { _ in nil },
                    respond: { _ in StoredResponse(status: 201, body: Data()) })
                await acknowledged.add(write.id)
                index += 1
            }
        }
        while await acknowledged.ids.count < 200 { await Task.yield() }
        let before = Set(await acknowledged.ids)
        let destination = path + ".backup"
        try store.backup(to: destination)
        await acknowledged.stop()
        try await writer.value
        let copy = try DatabaseQueue(path: destination)
        let (check, ids) = try await copy.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try String.fetchAll(db, sql: "SELECT id FROM sessions")
            )
        }
        #expect(check == "ok")
        #expect(before.isSubset(of: Set(ids.compactMap(SessionID.init(uuidString:)))))
    }

    @Test(.enabled(if: CrashWriter.url != nil, "the RehabStorageCrashWriter helper is not built next to the tests"))
    func sigkillMidStreamLosesNoAcknowledgedWrite() async throws {
        let path = try TemporaryDatabase.path()
        let writer = try await RunningChildProcess.start(try #require(CrashWriter.url).path, [path])
        var acknowledged: [String] = []
        while acknowledged.count < 300, let line = await writer.nextLine() {
            if line.hasPrefix("ack ") { acknowledged.append(String(line.dropFirst(4))) }
        }
        let outcome = try await writer.stop(SIGKILL)
        #expect(outcome.signal == SIGKILL)
        let store = try SQLiteStore(path: path)
        let (check, ids) = try await store.pool.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try String.fetchAll(db, sql: "SELECT id FROM sessions")
            )
        }
        #expect(check == "ok")
        #expect(Set(acknowledged).isSubset(of: Set(ids)))
        #expect(acknowledged.count == 300)
    }

    static let system = AuditActor(.system, origin: "test", at: Date(timeIntervalSince1970: 1_795_000_000))

    static func session(_ index: Int) -> ExerciseSession {
        ExerciseSession(
            date: CalendarDate(dayNumber: 20_400 + index % 180), painAfter: index % 10,
            exercises: [PerformedExercise(id: "quad-set", sets: 3, reps: 10)])
    }

    static func patient(_ store: SQLiteStore) async throws -> PatientID {
        let clinician = try await store.createAccount(
            NewAccount(role: .clinician, email: "c@clinic.test", name: "C", passwordHash: nil), by: system)
        return try await store.createPatient(
            NewPatient(
                clinicianID: clinician.id, name: "P", email: "p@example.test",
                surgery: Surgery(kind: .meniscusRepair, side: .left, date: CalendarDate(dayNumber: 20_400)),
                inviteCodeHash: "i", inviteExpiresAt: system.at),
            by: system
        ).id
    }
}

/// The crash-writer helper, built next to the test bundle.
enum CrashWriter {
    static let url = BuiltExecutable.url(named: "RehabStorageCrashWriter")
}
