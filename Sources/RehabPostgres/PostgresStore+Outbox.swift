import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore: OutboxRepository {
    @discardableResult
    public func enqueueMail(_ mails: [NewOutboxMail]) async throws -> Int {
        guard !mails.isEmpty else { return 0 }
        return try await transaction("enqueueMail") { tx in
            var added = 0
            for mail in mails where try await Self.insertMail(tx, mail, at: mail.dueAt) { added += 1 }
            return added
        }
    }

    /// Claims with `FOR UPDATE SKIP LOCKED`: two instances claiming at once get different mails, and neither
    /// waits for the other.
    public func claimDueMail(now: Date, lease: TimeInterval, limit: Int) async throws -> [ClaimedMail] {
        let until = now.addingTimeInterval(lease)
        return try await transaction("claimDueMail") { tx in
            try await tx.rows(
                """
                WITH due AS (
                  SELECT id FROM outbox WHERE due_at <= \(now) AND (state = 'pending'
                  OR (state = 'sending' AND lease_until <= \(now))) ORDER BY due_at LIMIT \(limit)
                  FOR UPDATE SKIP LOCKED
                ), claimed AS (
                  UPDATE outbox o SET state = 'sending', lease_until = \(until), attempts = o.attempts + 1
                  FROM due WHERE o.id = due.id RETURNING o.*
                )
                SELECT o.id, o.kind, o.patient_id, o.attempts, al.level,
                (al.id IS NOT NULL AND al.acknowledged_at IS NULL), COALESCE(f.reminders_by_mail, false),
                CASE WHEN o.account_id IS NOT NULL THEN oa.email WHEN o.kind = 'alert-notice' THEN c.email
                ELSE pa.email END,
                CASE WHEN o.account_id IS NOT NULL THEN oa.name WHEN o.kind = 'alert-notice' THEN c.name
                ELSE pa.name END,
                CASE WHEN o.account_id IS NOT NULL OR o.kind = 'alert-notice' THEN 'en'
                ELSE COALESCE(p.language, 'en') END
                FROM claimed o LEFT JOIN patients p ON p.id = o.patient_id
                LEFT JOIN accounts c ON c.id = p.clinician_id LEFT JOIN accounts pa ON pa.id = p.account_id
                LEFT JOIN accounts oa ON oa.id = o.account_id
                LEFT JOIN alerts al ON al.id = o.alert_id LEFT JOIN calendar_feeds f ON f.patient_id = o.patient_id
                ORDER BY o.due_at
                """
            ).map(Self.claimed)
        }
    }

    public func finishMail(_ id: OutboxMailID, _ outcome: MailOutcome, at: Date) async throws {
        let (state, due, receipt, error) = MailOutcomeColumns.of(outcome)
        let finished: Date? = state == .pending ? nil : at
        try await transaction("finishMail", singleStatement: true) { tx in
            try await tx.execute(
                """
                UPDATE outbox SET state = \(state.rawValue), due_at = COALESCE(\(due)::timestamptz, due_at),
                receipt = COALESCE(\(receipt)::text, receipt), last_error = COALESCE(\(error)::text, last_error),
                lease_until = NULL, finished_at = \(finished)::timestamptz
                WHERE id = \(id.rawValue) AND state = 'sending'
                """)
        }
    }

    public func mailQueueLength() async throws -> Int {
        try await transaction("mailQueueLength", snapshot: true) { tx in
            Int(
                try await tx.first("SELECT count(*)::int8 FROM outbox WHERE state IN ('pending', 'sending')")?
                    .decode(Int64.self) ?? 0)
        }
    }

    public func nextMailDue() async throws -> Date? {
        try await transaction("nextMailDue", snapshot: true) { tx in
            try await tx.first(
                """
                SELECT min(CASE WHEN state = 'pending' THEN due_at ELSE lease_until END) FROM outbox
                WHERE state IN ('pending', 'sending')
                """
            )?.decode(Date?.self)
        }
    }

    public func outboxMail(_ id: OutboxMailID) async throws -> StoredOutboxMail {
        try await transaction("outboxMail", snapshot: true) { tx in
            guard let row = try await tx.first("\(unescaped: Self.mailSelect) WHERE id = \(id.rawValue)") else {
                throw StorageError(.notFound, "outboxMail")
            }
            return try Self.storedMail(row)
        }
    }

    public func outboxMail(of patient: PatientID) async throws -> [StoredOutboxMail] {
        try await transaction("outboxMailOfPatient", snapshot: true) { tx in
            try await tx.rows(
                "\(unescaped: Self.mailSelect) WHERE patient_id = \(patient.rawValue) ORDER BY created_at, id"
            ).map(Self.storedMail)
        }
    }

    public func setMailReminders(
        _ on: Bool, defaults: CalendarSettings, for patient: PatientID, by actor: AuditActor
    ) async throws {
        let document = try StorageCoding.encode(defaults, "calendar settings")
        try await transaction("setMailReminders") { tx in
            try await tx.require(patient, actor, "setMailReminders")
            try await tx.execute(
                """
                INSERT INTO calendar_feeds (patient_id, settings_json, reminders_by_mail, updated_at)
                VALUES (\(patient.rawValue), \(document), \(on), \(actor.at))
                ON CONFLICT (patient_id) DO UPDATE SET reminders_by_mail = excluded.reminders_by_mail,
                updated_at = excluded.updated_at
                """)
            try await tx.audit(actor, .remindersChange, patient: patient)
        }
    }

    public func mailReminders(of patient: PatientID, by actor: AuditActor) async throws -> Bool {
        try await transaction("mailReminders", snapshot: true) { tx in
            try await tx.require(patient, actor, "mailReminders")
            return try await tx.first(
                "SELECT reminders_by_mail FROM calendar_feeds WHERE patient_id = \(patient.rawValue)"
            )?.decode(Bool.self) ?? false
        }
    }

    public func reminderCandidates(since: CalendarDate) async throws -> [ReminderCandidate] {
        try await transaction("reminderCandidates", snapshot: true) { tx in
            var sessions: [PatientID: [CalendarDate: Int]] = [:]
            for row in try await tx.rows(
                """
                SELECT s.patient_id, s.date::text, count(*)::int8 FROM sessions s
                JOIN calendar_feeds f ON f.patient_id = s.patient_id
                WHERE f.reminders_by_mail AND s.date >= \(since.description)::date GROUP BY s.patient_id, s.date
                """)
            {
                let (patient, date, count) = try row.decode((UUID, String, Int64).self)
                sessions[Column.id(patient), default: [:]][try Column.day(date, "sessions.date")] = Int(count)
            }
            return try await tx.rows(
                """
                SELECT f.patient_id, f.settings_json, p.created_at,
                (SELECT max(c.date)::text FROM check_ins c WHERE c.patient_id = p.id)
                FROM calendar_feeds f JOIN patients p ON p.id = f.patient_id JOIN accounts a ON a.id = p.account_id
                WHERE f.reminders_by_mail AND a.password_hash IS NOT NULL
                """
            ).map { row in
                let (patient, settings, created, last) = try row.decode((UUID, String, Date, String?).self)
                let id: PatientID = Column.id(patient)
                return ReminderCandidate(
                    patientID: id,
                    settings: try Column.document(settings, as: CalendarSettings.self, "calendar_feeds"),
                    addedAt: created, sessionsByDay: sessions[id] ?? [:],
                    lastCheckIn: try last.map { try Column.day($0, "check_ins.date") })
            }
        }
    }

    public func serverKey(named name: String, fresh: Data) async throws -> Data {
        try await transaction("serverKey") { tx in
            try await tx.execute(
                "INSERT INTO server_keys (name, key) VALUES (\(name), \(fresh)) ON CONFLICT (name) DO NOTHING")
            guard let row = try await tx.first("SELECT key FROM server_keys WHERE name = \(name)") else {
                throw StorageError(.invalid, "server_keys")
            }
            return try row.decode(Data.self)
        }
    }

    // MARK: - Rows

    static let mailSelect = "SELECT id, kind, patient_id, account_id, state, attempts, receipt, last_error FROM outbox"

    /// Puts one mail in the outbox unless its dedupe key is there already; true when it was added.
    @discardableResult
    static func insertMail(_ tx: StoreTransaction, _ mail: NewOutboxMail, at: Date) async throws -> Bool {
        try await tx.first(
            """
            INSERT INTO outbox (id, kind, patient_id, account_id, alert_id, dedupe_key, state, due_at, created_at)
            VALUES (\(mail.id.rawValue), \(mail.kind.rawValue), \(mail.patientID?.rawValue), \(mail.accountID?.rawValue),
            \(mail.alertID?.rawValue), \(mail.dedupeKey), 'pending', \(mail.dueAt), \(at))
            ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
            """) != nil
    }

    static func claimed(_ row: PostgresRow) throws -> ClaimedMail {
        let (id, kindText, patient, attempts, level, alertOpen, reminders, email, name, language) = try row.decode(
            (UUID, String, UUID?, Int, String?, Bool, Bool, String, String, String).self)
        guard let kind = MailKind(rawValue: kindText) else { throw StorageError(.invalid, "outbox.kind") }
        return ClaimedMail(
            id: Column.id(id), kind: kind, patientID: patient.map { Column.id($0) }, recipientEmail: email,
            recipientName: name, language: language, alertLevel: level.flatMap(AlertLevel.init(rawValue:)),
            stillApplies: kind.stillApplies(alertOpen: alertOpen, remindersOn: reminders), attempts: attempts)
    }

    static func storedMail(_ row: PostgresRow) throws -> StoredOutboxMail {
        let (id, kindText, patient, account, stateText, attempts, receipt, error) = try row.decode(
            (UUID, String, UUID?, UUID?, String, Int, String?, String?).self)
        guard let kind = MailKind(rawValue: kindText), let state = MailState(rawValue: stateText) else {
            throw StorageError(.invalid, "outbox")
        }
        return StoredOutboxMail(
            id: Column.id(id), kind: kind, patientID: patient.map { Column.id($0) },
            accountID: account.map { Column.id($0) },
            state: state, attempts: attempts, receipt: receipt, lastError: error)
    }
}
