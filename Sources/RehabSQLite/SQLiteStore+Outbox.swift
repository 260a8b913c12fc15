import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore: OutboxRepository {
    @discardableResult
    public func enqueueMail(_ mails: [NewOutboxMail]) async throws -> Int {
        guard !mails.isEmpty else { return 0 }
        return try await write("enqueueMail") { db in
            var added = 0
            for mail in mails {
                try Self.insertMail(db, mail, at: mail.dueAt)
                added += db.changesCount
            }
            return added
        }
    }

    public func claimDueMail(now: Date, lease: TimeInterval, limit: Int) async throws -> [ClaimedMail] {
        try await write("claimDueMail") { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id FROM outbox WHERE due_at <= ? AND (state = 'pending'
                        OR (state = 'sending' AND lease_until <= ?)) ORDER BY due_at LIMIT ?
                        """), arguments: [now.ms, now.ms, limit])
            let ids: [String] = try rows.map { try $0.string("id") }
            let until = now.addingTimeInterval(lease).ms
            var claimed: [ClaimedMail] = []
            for id in ids {
                try db.cachedStatement(
                    sql: "UPDATE outbox SET state = 'sending', lease_until = ?, attempts = attempts + 1 WHERE id = ?"
                ).execute(arguments: [until, id])
                if let row = try Row.fetchOne(db.cachedStatement(sql: Self.claimedSQL), arguments: [id]) {
                    claimed.append(try Self.claimed(row))
                }
            }
            return claimed
        }
    }

    public func finishMail(_ id: OutboxMailID, _ outcome: MailOutcome, at: Date) async throws {
        try await write("finishMail") { db in
            let (state, due, receipt, error) = MailOutcomeColumns.of(outcome)
            try db.cachedStatement(
                sql: """
                    UPDATE outbox SET state = ?, due_at = COALESCE(?, due_at), receipt = COALESCE(?, receipt),
                    last_error = COALESCE(?, last_error), lease_until = NULL,
                    finished_at = CASE WHEN ? = 'pending' THEN NULL ELSE ? END
                    WHERE id = ? AND state = 'sending'
                    """
            ).execute(arguments: [state.rawValue, due?.ms, receipt, error, state.rawValue, at.ms, id.text])
        }
    }

    public func mailQueueLength() async throws -> Int {
        try await read("mailQueueLength") { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')")) ?? 0
        }
    }

    public func nextMailDue() async throws -> Date? {
        try await read("nextMailDue") { db in
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT MIN(CASE WHEN state = 'pending' THEN due_at ELSE lease_until END) AS next FROM outbox
                        WHERE state IN ('pending', 'sending')
                        """))
            return row?.optionalTime("next")
        }
    }

    public func outboxMail(_ id: OutboxMailID) async throws -> StoredOutboxMail {
        try await read("outboxMail") { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM outbox WHERE id = ?"), arguments: [id.text])
            else { throw StorageError(.notFound, "outboxMail") }
            return try Self.storedMail(row)
        }
    }

    public func outboxMail(of patient: PatientID) async throws -> [StoredOutboxMail] {
        try await read("outboxMailOfPatient") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM outbox WHERE patient_id = ? ORDER BY created_at, rowid"),
                arguments: [patient.text]
            ).map(Self.storedMail)
        }
    }

    public func setMailReminders(
        _ on: Bool, defaults: CalendarSettings, for patient: PatientID, by actor: AuditActor
    ) async throws {
        try await write("setMailReminders") { db in
            try Visibility.require(db, patient, actor, "setMailReminders")
            try db.cachedStatement(
                sql: """
                    INSERT INTO calendar_feeds (patient_id, settings_json, reminders_by_mail, updated_at)
                    VALUES (?, ?, ?, ?) ON CONFLICT (patient_id) DO UPDATE SET
                    reminders_by_mail = excluded.reminders_by_mail, updated_at = excluded.updated_at
                    """
            ).execute(
                arguments: [
                    patient.text, try StorageCoding.encode(defaults, "calendar settings"), on, actor.at.ms,
                ])
            try Self.audit(db, actor, .remindersChange, patient: patient)
        }
    }

    public func mailReminders(of patient: PatientID, by actor: AuditActor) async throws -> Bool {
        try await read("mailReminders") { db in
            try Visibility.require(db, patient, actor, "mailReminders")
            return try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT reminders_by_mail FROM calendar_feeds WHERE patient_id = ?"),
                arguments: [patient.text]) ?? false
        }
    }

    public func reminderCandidates(since: CalendarDate) async throws -> [ReminderCandidate] {
        try await read("reminderCandidates") { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT f.patient_id, f.settings_json, p.created_at,
                        (SELECT MAX(c.date) FROM check_ins c WHERE c.patient_id = p.id) AS last_check_in
                        FROM calendar_feeds f JOIN patients p ON p.id = f.patient_id
                        JOIN accounts a ON a.id = p.account_id
                        WHERE f.reminders_by_mail = 1 AND a.password_hash IS NOT NULL
                        """))
            return try rows.map { row in
                let patient: PatientID = try row.uuid("patient_id")
                var byDay: [CalendarDate: Int] = [:]
                for day in try Row.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT date, COUNT(*) AS n FROM sessions WHERE patient_id = ? AND date >= ? GROUP BY date"
                    ),
                    arguments: [patient.text, since.description])
                {
                    byDay[try day.day("date")] = day["n"]
                }
                return ReminderCandidate(
                    patientID: patient, settings: try row.document("settings_json", as: CalendarSettings.self),
                    addedAt: try row.time("created_at"), sessionsByDay: byDay,
                    lastCheckIn: try (row["last_check_in"] as String?).map {
                        try StorageCoding.date($0, "check_ins.date")
                    })
            }
        }
    }

    public func serverKey(named name: String, fresh: Data) async throws -> Data {
        try await write("serverKey") { db in
            try db.cachedStatement(
                sql: "INSERT INTO server_keys (name, key) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"
            )
            .execute(arguments: [name, fresh])
            guard
                let key = try Data.fetchOne(
                    db.cachedStatement(sql: "SELECT key FROM server_keys WHERE name = ?"), arguments: [name])
            else { throw StorageError(.invalid, "server_keys") }
            return key
        }
    }

    // MARK: - Rows

    /// Puts one mail in the outbox unless its dedupe key is there already.
    static func insertMail(_ db: Database, _ mail: NewOutboxMail, at: Date) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO outbox (id, kind, patient_id, account_id, alert_id, dedupe_key, state, due_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (dedupe_key) DO NOTHING
                """
        ).execute(
            arguments: [
                mail.id.text, mail.kind.rawValue, mail.patientID?.text, mail.accountID?.text, mail.alertID?.text,
                mail.dedupeKey, mail.dueAt.ms, at.ms,
            ])
    }

    /// The claimed mail with its recipient: the patient's clinician for a notice, the patient for a reminder, the
    /// account itself for an account's own notice (clinicians and admins read English).
    static let claimedSQL = """
        SELECT o.id, o.kind, o.patient_id, o.attempts, al.level AS alert_level,
        (al.id IS NOT NULL AND al.acknowledged_at IS NULL) AS alert_open,
        COALESCE(f.reminders_by_mail, 0) AS reminders,
        CASE WHEN o.account_id IS NOT NULL THEN oa.email WHEN o.kind = 'alert-notice' THEN c.email
        ELSE pa.email END AS email,
        CASE WHEN o.account_id IS NOT NULL THEN oa.name WHEN o.kind = 'alert-notice' THEN c.name ELSE pa.name END AS name,
        CASE WHEN o.account_id IS NOT NULL OR o.kind = 'alert-notice' THEN 'en' ELSE COALESCE(p.language, 'en')
        END AS language
        FROM outbox o LEFT JOIN patients p ON p.id = o.patient_id
        LEFT JOIN accounts c ON c.id = p.clinician_id LEFT JOIN accounts pa ON pa.id = p.account_id
        LEFT JOIN accounts oa ON oa.id = o.account_id
        LEFT JOIN alerts al ON al.id = o.alert_id LEFT JOIN calendar_feeds f ON f.patient_id = o.patient_id
        WHERE o.id = ?
        """

    static func claimed(_ row: Row) throws -> ClaimedMail {
        guard let kind = MailKind(rawValue: try row.string("kind")) else { throw StorageError(.invalid, "outbox.kind") }
        let level = (row["alert_level"] as String?).flatMap(AlertLevel.init(rawValue:))
        let applies = kind.stillApplies(
            alertOpen: row["alert_open"] as Bool? ?? false, remindersOn: row["reminders"] as Bool? ?? false)
        return ClaimedMail(
            id: try row.uuid("id"), kind: kind, patientID: try row.optionalUUID("patient_id"),
            recipientEmail: try row.string("email"), recipientName: try row.string("name"),
            language: try row.string("language"),
            alertLevel: level, stillApplies: applies, attempts: row["attempts"] ?? 0)
    }

    static func storedMail(_ row: Row) throws -> StoredOutboxMail {
        guard let kind = MailKind(rawValue: try row.string("kind")),
            let state = MailState(rawValue: try row.string("state"))
        else { throw StorageError(.invalid, "outbox") }
        return StoredOutboxMail(
            id: try row.uuid("id"), kind: kind, patientID: try row.optionalUUID("patient_id"),
            accountID: try row.optionalUUID("account_id"), state: state, attempts: row["attempts"] ?? 0,
            receipt: row["receipt"], lastError: row["last_error"])
    }
}
