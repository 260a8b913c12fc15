import Foundation
import GRDB
import RehabCore
import RehabTesting
import Testing

@testable import RehabSQLite

/// Checkpoints off the write path: with the writer's automatic checkpoints off, the WAL keeps every page until a
/// checkpoint moves it, and once every page has moved the next write starts the WAL again from its beginning.
struct SQLiteCheckpointTests {
    @Test func theCheckpointerMovesWhatTheWriterNoLongerDoes() async throws {
        let path = try TemporaryDatabase.path()
        let store = try SQLiteStore(path: path)
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        func record(_ day: Int) async throws {
            _ = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: day % 40)), idempotency: nil,
                by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        }
        try store.setAutomaticCheckpoints(false)
        for day in 0..<300 { try await record(day) }
        let checkpointer = try WALCheckpointer(path: path)
        let moved = try await checkpointer.checkpoint()
        // With automatic checkpoints (every 1,000 pages) the WAL would have started again and hold fewer.
        #expect(moved.walPages > 1000)
        #expect(moved.moved == moved.walPages)
        _ = try await store.pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        try await record(300)
        let restarted = try await checkpointer.checkpoint()
        #expect(restarted.walPages > 0 && restarted.walPages < 50)
        // Nothing was lost on the way.
        #expect(try await store.sessions(of: a, by: clinic.asA).count == 301)
        try store.setAutomaticCheckpoints(true)
        let automatic = try await store.pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
        }
        #expect(automatic == 1000)
    }
}
