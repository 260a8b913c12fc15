import Foundation
import GRDB
import RehabCore
import RehabTesting
import Testing

@testable import RehabSQLite

/// Upgrading a database that already holds data: v3 rebuilds `idempotency_keys` and `audit_log`, v16 the outbox,
/// and neither loses anything.
struct SQLiteMigrationTests {
    @Test func v16KeepsEveryOutboxRowAndAddsMailToAnAccount() async throws {
        let path = try TemporaryDatabase.path()
        let (clinician, patientAccount, patient, mail) = (
            AccountID.generate(), AccountID.generate(), PatientID.generate(), OutboxMailID.generate()
        )
        let old = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(old, upTo: "v15-audit-subject")
        try await old.write { db in
            try db.execute(
                literal: """
                    INSERT INTO accounts (id, role, email, email_key, name, created_at)
                    VALUES (\(clinician.description), 'clinician', 'c@example.test', 'c@example.test', 'Dr C', 1),
                    (\(patientAccount.description), 'patient', 'p@example.test', 'p@example.test', 'Pat', 1);
                    INSERT INTO patients (id, account_id, clinician_id, name, surgery_kind, surgery_side, surgery_date,
                    created_at) VALUES (\(patient.description), \(patientAccount.description), \(clinician.description),
                    'Pat', 'total-knee-replacement', 'left', '2026-11-01', 1);
                    INSERT INTO outbox (id, kind, patient_id, dedupe_key, state, due_at, attempts, receipt, created_at,
                    finished_at) VALUES (\(mail.description), 'session-reminder', \(patient.description), 'r-1', 'sent',
                    5, 1, '250 queued', 4, 6);
                    """)
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try await store.appliedMigrations() == SQLiteStore.migrationNames)
        let kept = try await store.outboxMail(mail)
        #expect(kept.patientID == patient && kept.accountID == nil && kept.kind == .sessionReminder)
        #expect(kept.state == .sent && kept.attempts == 1 && kept.receipt == "250 queued")
        #expect(
            try await store.enqueueMail([NewOutboxMail(kind: .secondFactorRemoved, accountID: clinician, dueAt: .now)])
                == 1)
        #expect(
            try await store.enqueueMail([
                NewOutboxMail(kind: .sessionReminder, patientID: patient, dedupeKey: "r-1", dueAt: .now)
            ]) == 0, "the dedupe key still holds")
        await #expect(throws: DatabaseError.self, "a row names a patient or an account, not both") {
            try await store.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO outbox (id, kind, patient_id, account_id, state, due_at, created_at)
                        VALUES (?, 'second-factor-removed', ?, ?, 'pending', 1, 1)
                        """, arguments: [UUID().uuidString.lowercased(), patient.description, clinician.description])
            }
        }
        await #expect(throws: DatabaseError.self, "nor neither") {
            try await store.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO outbox (id, kind, state, due_at, created_at)
                        VALUES (?, 'second-factor-removed', 'pending', 1, 1)
                        """, arguments: [UUID().uuidString.lowercased()])
            }
        }
    }

    @Test func v3KeepsAuditAndIdempotencyRowsAndTheAppendOnlyRule() async throws {
        let path = try TemporaryDatabase.path()
        let account = AccountID.generate()
        let old = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(old, upTo: "v2-prescriptions")
        try await old.write { db in
            try db.execute(
                literal: """
                    INSERT INTO accounts (id, role, email, email_key, name, created_at)
                    VALUES (\(account.description), 'clinician', 'c@example.test', 'c@example.test', 'Dr C', 1);
                    INSERT INTO audit_log (id, account_id, action, patient_id, at, origin)
                    VALUES (\(UUID().uuidString.lowercased()), \(account.description), 'login', NULL, 1, 'test'),
                    (\(UUID().uuidString.lowercased()), \(account.description), 'patient.list', NULL, 2, 'test');
                    INSERT INTO idempotency_keys (account_id, key, request_hash, status, body, created_at)
                    VALUES (\(account.description), 'k1', 'h1', 201, x'7b7d', 3);
                    """)
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try await store.appliedMigrations() == SQLiteStore.migrationNames)
        let entries = try await store.auditEntries(AuditQuery(accountID: account))
        #expect(entries.map(\.action.rawValue) == ["patient.list", "login"])
        let (actions, replay, withoutRowID) = try store.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY rowid"),
                try Row.fetchOne(db, sql: "SELECT request_hash, status FROM idempotency_keys WHERE key = 'k1'"),
                try Bool.fetchOne(db, sql: "SELECT wr FROM pragma_table_list WHERE name = 'idempotency_keys'")
            )
        }
        #expect(actions == ["login", "patient.list"])
        #expect(replay?["request_hash"] == "h1" && replay?["status"] == 201)
        #expect(withoutRowID == true)
        await #expect(throws: DatabaseError.self) {
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM audit_log") }
        }
        await #expect(throws: DatabaseError.self) {
            try await store.pool.write { db in try db.execute(sql: "UPDATE audit_log SET action = 'y'") }
        }
        // The key still refuses a second use with another request.
        await #expect(throws: DatabaseError.self) {
            try await store.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO idempotency_keys (account_id, key, request_hash, status, body, created_at)
                        VALUES (?, 'k1', 'h2', 201, x'7b7d', 4)
                        """, arguments: [account.description])
            }
        }
    }
}
