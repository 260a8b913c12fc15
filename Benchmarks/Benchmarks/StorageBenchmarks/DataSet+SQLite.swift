import Foundation
import GRDB
import RehabCore
import RehabSQLite
import RehabStorageKit

extension DataSet {
    /// The data set's SQLite file.
    static var sqlitePath: String { BenchDatabases.directory.appendingPathComponent("dataset.sqlite").path }

    /// The SQLite data set, generated on first use (a few minutes) and reused after.
    static func sqlite() async throws -> SQLiteStore {
        let done = sqlitePath + ".done"
        if FileManager.default.fileExists(atPath: done) {
            return try SQLiteStore(path: sqlitePath, pageCacheMiB: 64)
        }
        let store = try BenchDatabases.freshSQLite("dataset.sqlite")
        let ids = try await makePatients(store)
        let triage = try StorageCoding.encode(calmTriage, "triage")
        let level = calmTriage.level.rawValue
        let created = StorageCoding.milliseconds(WriteFixture.now)
        for start in stride(from: 0, to: ids.count, by: 250) {
            let range = start..<min(start + 250, ids.count)
            let batch = try range.map { index in (ids[index].description, try rows(patient: index)) }
            try await store.pool.write { db in
                let sessions = try db.makeStatement(
                    sql: """
                        INSERT INTO sessions (id, patient_id, date, pain_after, plan_revision, session_json, note,
                        created_at) VALUES (?, ?, ?, ?, NULL, ?, NULL, ?)
                        """)
                let checkIns = try db.makeStatement(
                    sql: """
                        INSERT INTO check_ins (id, patient_id, date, triage_level, check_in_json, triage_json,
                        alert_id, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
                        """)
                for (patient, rows) in batch {
                    for row in rows.sessions {
                        try sessions.execute(arguments: [
                            row.id.uuidString.lowercased(), patient, row.date, row.pain, row.json, created,
                        ])
                    }
                    for row in rows.checkIns {
                        try checkIns.execute(arguments: [
                            row.id.uuidString.lowercased(), patient, row.date, level, row.json, triage, created,
                        ])
                    }
                }
            }
        }
        try await store.pool.write { db in try db.execute(sql: "ANALYZE") }
        try await store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        FileManager.default.createFile(atPath: done, contents: nil)
        return store
    }

    /// The clinicians of the SQLite data set, in order.
    static func clinicianIDs(_ store: SQLiteStore) async throws -> [AccountID] {
        let ids = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM accounts WHERE role = 'clinician' ORDER BY email")
        }
        return ids.compactMap(AccountID.init(uuidString:))
    }

    /// The SQLite file's size in bytes, after a checkpoint (so the WAL is empty).
    static func sqliteBytes(_ store: SQLiteStore) throws -> Int {
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let attributes = try FileManager.default.attributesOfItem(atPath: sqlitePath)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
