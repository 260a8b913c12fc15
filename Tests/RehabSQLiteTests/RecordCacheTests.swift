import Foundation
import GRDB
import RehabCore
import RehabStorageKit
import RehabTesting
import Synchronization
import Testing

@testable import RehabSQLite

/// The decoded-history cache never hides a write: not one made through the store, not one made behind its back,
/// and not one that was rolled back.
struct RecordCacheTests {
    @Test func recordsStayExactWhateverWritesTheHistory() async throws {
        let store = try SQLiteStore(path: try TemporaryDatabase.path())
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        for day in 1...3 {
            _ = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: day)), idempotency: nil,
                by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        }
        #expect(try await store.record(of: a, by: clinic.asA).sessions.count == 3)
        // A back-dated session lands in date order in the cached history.
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 0)), idempotency: nil,
            by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        let dates = try await store.record(of: a, by: clinic.asA).sessions.map(\.date)
        #expect(dates == dates.sorted() && dates.count == 4)
        // A check-in written by another connection (another process would do the same) is seen.
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO check_ins (id, patient_id, date, triage_level, check_in_json, triage_json, created_at)
                    VALUES (?, ?, '2026-10-05', 'continue', '{"date":"2026-10-05","painAtRest":1}',
                    '{"level":"continue","reasons":[]}', 0)
                    """, arguments: [UUID().uuidString.lowercased(), a.description])
        }
        #expect(try await store.record(of: a, by: clinic.asA).checkIns.count == 1)
        // A write that fails inside its transaction leaves the cached history as it was.
        await #expect(throws: (any Error).self) {
            _ = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: 5)), idempotency: nil,
                by: clinic.asPatientA, review: { _ in throw StorageError(.invalid, "review") },
                respond: StorageClinic.respond)
        }
        #expect(try await store.record(of: a, by: clinic.asA).sessions.count == 4)
    }

    /// A session reviewed before the writer, on the cached history, is stored only if nothing changed meanwhile:
    /// here another connection adds a session between two writes, and the second review must see it.
    @Test func aReviewBeforeTheWriterNeverMissesAnotherConnectionsWrite() async throws {
        let store = try SQLiteStore(path: try TemporaryDatabase.path())
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 1)), idempotency: nil,
            by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        // The first write read the history in the writer (the cache had not met the patient) and cached it at the
        // base the write left behind.
        let base = try await store.pool.read { db in try SQLiteStore.writeBase(db, a, clinic.asPatientA) }
        #expect(store.records.latest(a)?.version == base)
        #expect(store.records.latest(a)?.history.sessions.count == 1)
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (id, patient_id, date, session_json, created_at)
                    VALUES (?, ?, '2026-10-03', '{"date":"2026-10-03","exercises":[]}', 0)
                    """, arguments: [UUID().uuidString.lowercased(), a.description])
        }
        let seen = Synchronization.Mutex<Int?>(nil)
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 4)), idempotency: nil,
            by: clinic.asPatientA,
            review: { record in
                seen.withLock { $0 = record.sessions.count }
                return nil
            }, respond: StorageClinic.respond)
        #expect(seen.withLock { $0 } == 3)
        #expect(store.records.latest(a)?.history.sessions.count == 3)
    }

    /// A history the cache turns away is read beside the writer on every write, and each review still sees all of it.
    @Test func aHistoryTheCacheTurnsAwayIsReadOnEveryWriteAndStaysExact() async throws {
        // A budget of 4: the history grows in the cache to 4 sessions, is dropped when the 5th joins it, and is then
        // too large to keep again (more than a quarter of the budget).
        let store = try SQLiteStore(path: try TemporaryDatabase.path(), recordCacheEntries: 4)
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let seen = Synchronization.Mutex<[Int]>([])
        for day in 1...7 {
            _ = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: day)), idempotency: nil,
                by: clinic.asPatientA,
                review: { record in
                    seen.withLock { $0.append(record.sessions.count) }
                    return nil
                }, respond: StorageClinic.respond)
        }
        #expect(seen.withLock { $0 } == Array(1...7))
        #expect(!store.records.wouldKeep(a))
        #expect(store.records.latest(a) == nil)
        #expect(try await store.record(of: a, by: clinic.asA).sessions.count == 7)
    }
}
