import Foundation
import GRDB
import RehabCore
import RehabSQLite
import RehabTesting
import Testing

/// A fresh database file in a fresh temporary directory.
enum TemporaryDatabase {
    static func path(_ name: String = "test.sqlite") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rehab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }
}

struct SQLiteConformanceTests {
    @Test(arguments: StorageConformance.names)
    func conformance(_ name: String) async throws {
        let store = try SQLiteStore(path: try TemporaryDatabase.path())
        try await StorageConformance.run(name, on: store)
    }
}

struct SQLiteStoreTests {
    @Test func settingsAreWALForeignKeysAndNormalSync() async throws {
        let store = try SQLiteStore(path: try TemporaryDatabase.path())
        let (mode, keys, sync) = try await store.pool.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous")
            )
        }
        #expect(mode == "wal" && keys == 1 && sync == 1)
    }

    @Test func migratingTwiceChangesNothing() async throws {
        let path = try TemporaryDatabase.path()
        let store = try SQLiteStore(path: path, migrate: false)
        #expect(
            try store.migrate() == [
                "v1-initial-schema", "v2-prescriptions", "v3-lean-write-path", "v4-history-version",
                "v5-measurement-details", "v6-episodes-of-care", "v7-time-log", "v8-calendar-feeds",
                "v9-messages-and-outbox",
                "v10-patient-language",
                "v11-sign-ins-by-account",
                "v12-sign-in-lifetime", "v13-second-factor",
                "v14-shared-server-state", "v15-audit-subject", "v16-account-mail",
            ])
        #expect(try store.migrate().isEmpty)
        #expect(try await store.appliedMigrations() == SQLiteStore.migrationNames)
    }

    @Test func appendOnlyTablesRefuseEdits() async throws {
        let store = try SQLiteStore(path: try TemporaryDatabase.path())
        try await store.appendAudit(
            AuditEntry(accountID: nil, action: .recordRead, patientID: nil, at: Date(), origin: "test"))
        await #expect(throws: DatabaseError.self) {
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM audit_log") }
        }
        await #expect(throws: DatabaseError.self) {
            try await store.pool.write { db in try db.execute(sql: "UPDATE audit_log SET action = 'y'") }
        }
    }
}
