import GRDB

/// The schema as append-only, numbered migrations. Never edit a shipped migration: add the next one, with the
/// same name in `RehabPostgres`.
enum SQLiteSchema {
    /// The migrations in order; their names match the PostgreSQL ones.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial-schema") { db in
            for statement in v1 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v2-prescriptions") { db in
            for statement in v2 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v3-lean-write-path") { db in
            for statement in v3 { try db.execute(sql: statement) }
        }
        // v4 gives PostgreSQL's patients a history counter for optimistic session writes. SQLite needs none: its
        // single writer serializes writes, and the newest row ids already name a history (`HistoryVersion`).
        migrator.registerMigration("v4-history-version") { _ in }
        migrator.registerMigration("v5-measurement-details") { db in
            for statement in v5 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v6-episodes-of-care") { db in
            for statement in v6 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v7-time-log") { db in
            for statement in v7 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v8-calendar-feeds") { db in
            for statement in v8 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v9-messages-and-outbox") { db in
            for statement in v9 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v10-patient-language") { db in
            for statement in v10 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v11-sign-ins-by-account") { db in
            for statement in v11 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v12-sign-in-lifetime") { db in
            for statement in v12 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v13-second-factor") { db in
            for statement in v13 { try db.execute(sql: statement) }
        }
        // v14 gives PostgreSQL what several instances share (failed sign-ins, news of ended sign-ins). SQLite
        // serves one process, which keeps them in memory.
        migrator.registerMigration("v14-shared-server-state") { _ in }
        migrator.registerMigration("v15-audit-subject") { db in
            for statement in v15 { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v16-account-mail") { db in
            for statement in v16 { try db.execute(sql: statement) }
        }
        return migrator
    }

    /// The names of every migration, in order.
    static var migrationNames: [String] { migrator.migrations }

    private static let v1 =
        [
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'patient')),
                email TEXT NOT NULL,
                email_key TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT,
                invite_code_hash TEXT UNIQUE,
                invite_expires_at INTEGER,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            """
            CREATE TABLE patients (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL UNIQUE REFERENCES accounts(id),
                clinician_id TEXT NOT NULL REFERENCES accounts(id),
                name TEXT NOT NULL,
                surgery_kind TEXT NOT NULL,
                surgery_side TEXT NOT NULL CHECK (surgery_side IN ('left', 'right')),
                surgery_date TEXT NOT NULL,
                confirmed_phase TEXT,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX patients_by_clinician ON patients(clinician_id, name)",
            """
            CREATE TABLE plan_revisions (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                number INTEGER NOT NULL CHECK (number >= 1),
                previous INTEGER CHECK ((number = 1 AND previous IS NULL) OR previous = number - 1),
                effective_date TEXT NOT NULL,
                author TEXT NOT NULL,
                reason TEXT NOT NULL,
                plan_json TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                UNIQUE (patient_id, number),
                FOREIGN KEY (patient_id, previous) REFERENCES plan_revisions(patient_id, number)
            ) STRICT
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                date TEXT NOT NULL,
                pain_after INTEGER,
                plan_revision INTEGER,
                session_json TEXT NOT NULL,
                note TEXT,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX sessions_by_patient_date ON sessions(patient_id, date, pain_after)",
            """
            CREATE TABLE alerts (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                level TEXT NOT NULL,
                rule TEXT NOT NULL,
                message TEXT NOT NULL,
                raised_at INTEGER NOT NULL,
                acknowledged_by TEXT REFERENCES accounts(id),
                acknowledged_at INTEGER,
                CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
            ) STRICT
            """,
            "CREATE INDEX alerts_by_patient ON alerts(patient_id, raised_at)",
            "CREATE INDEX open_alerts_by_patient ON alerts(patient_id) WHERE acknowledged_at IS NULL",
            """
            CREATE TABLE check_ins (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                date TEXT NOT NULL,
                triage_level TEXT NOT NULL,
                check_in_json TEXT NOT NULL,
                triage_json TEXT NOT NULL,
                alert_id TEXT REFERENCES alerts(id),
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX check_ins_by_patient_date ON check_ins(patient_id, date)",
            """
            CREATE TABLE questionnaire_responses (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                date TEXT NOT NULL,
                instrument TEXT NOT NULL,
                answers_json TEXT NOT NULL,
                score_json TEXT NOT NULL,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX questionnaires_by_patient_date ON questionnaire_responses(patient_id, date)",
            """
            CREATE TABLE measurements (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                date TEXT NOT NULL,
                kind TEXT NOT NULL,
                side TEXT NOT NULL CHECK (side IN ('left', 'right')),
                value REAL NOT NULL,
                method TEXT,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX measurements_by_patient_date ON measurements(patient_id, date)",
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT REFERENCES accounts(id),
                action TEXT NOT NULL,
                patient_id TEXT REFERENCES patients(id),
                at INTEGER NOT NULL,
                origin TEXT NOT NULL
            ) STRICT
            """,
            "CREATE INDEX audit_by_patient ON audit_log(patient_id, at)",
            "CREATE INDEX audit_by_account ON audit_log(account_id, at)",
            """
            CREATE TABLE idempotency_keys (
                account_id TEXT NOT NULL REFERENCES accounts(id),
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER NOT NULL,
                body BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (account_id, key)
            ) STRICT
            """,
            """
            CREATE TABLE web_sessions (
                token_hash TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                expires_at INTEGER NOT NULL,
                csrf_token TEXT NOT NULL,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_at)",
        ] + appendOnly(["audit_log", "plan_revisions"])

    /// v2: a clinician's dose edits, additions and removals, kept as documents like sessions.
    private static let v2 =
        [
            """
            CREATE TABLE prescriptions (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                date TEXT NOT NULL,
                prescription_json TEXT NOT NULL,
                author_id TEXT REFERENCES accounts(id),
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX prescriptions_by_patient_date ON prescriptions(patient_id, date)",
        ] + appendOnly(["prescriptions"])

    /// v3: fewer B-trees touched by every write, since each page a commit changes is written to the WAL and again
    /// at the checkpoint. `idempotency_keys` becomes a WITHOUT ROWID table (its primary key is the table, not a
    /// second index), and `audit_log` drops the unique index on its random `id` (a version 4 UUID made by the
    /// store; nothing looks an entry up by it). Rows, indexes and the append-only triggers are kept. Revisions gain
    /// the plan's `doseSignature`, so a review that asks nothing new stores no revision.
    private static let v3 =
        [
            """
            CREATE TABLE idempotency_keys_v3 (
                account_id TEXT NOT NULL REFERENCES accounts(id),
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER NOT NULL,
                body BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (account_id, key)
            ) STRICT, WITHOUT ROWID
            """,
            "INSERT INTO idempotency_keys_v3 SELECT account_id, key, request_hash, status, body, created_at FROM idempotency_keys",
            "DROP TABLE idempotency_keys",
            "ALTER TABLE idempotency_keys_v3 RENAME TO idempotency_keys",
            """
            CREATE TABLE audit_log_v3 (
                id TEXT NOT NULL,
                account_id TEXT REFERENCES accounts(id),
                action TEXT NOT NULL,
                patient_id TEXT REFERENCES patients(id),
                at INTEGER NOT NULL,
                origin TEXT NOT NULL
            ) STRICT
            """,
            // Dropping a table fires no DELETE trigger, and takes its triggers and indexes with it.
            "INSERT INTO audit_log_v3 SELECT id, account_id, action, patient_id, at, origin FROM audit_log ORDER BY rowid",
            "DROP TABLE audit_log",
            "ALTER TABLE audit_log_v3 RENAME TO audit_log",
            "CREATE INDEX audit_by_patient ON audit_log(patient_id, at)",
            "CREATE INDEX audit_by_account ON audit_log(account_id, at)",
            "ALTER TABLE plan_revisions ADD COLUMN dose_signature TEXT",
        ] + appendOnly(["audit_log"])

    /// v5: a measurement may carry the clinician's note, and one entered by mistake is struck out by a row of its
    /// own (why, by whom, when) rather than changed or deleted, so the record keeps what was entered.
    private static let v5 =
        [
            "ALTER TABLE measurements ADD COLUMN note TEXT",
            """
            CREATE TABLE measurement_strikes (
                measurement_id TEXT PRIMARY KEY NOT NULL REFERENCES measurements(id),
                patient_id TEXT NOT NULL REFERENCES patients(id),
                reason TEXT NOT NULL,
                account_id TEXT REFERENCES accounts(id),
                struck_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX measurement_strikes_by_patient ON measurement_strikes(patient_id)",
        ] + appendOnly(["measurement_strikes"])

    /// v6: a discharged patient's row holds the end of care (date, reason, the home program to keep) until care is
    /// reopened; each discharge, reopening and correction is also a plan revision and an audit entry.
    private static let v6 = ["ALTER TABLE patients ADD COLUMN discharge_json TEXT"]

    /// v10: the language a patient chose for their pages and plan (NULL: follow the browser).
    private static let v10 = [
        "ALTER TABLE patients ADD COLUMN language TEXT CHECK (language IN ('en', 'es'))"
    ]

    /// v8: a patient's calendar settings and the hash of their private feed link.
    private static let v8 = [
        """
        CREATE TABLE calendar_feeds (
            patient_id TEXT PRIMARY KEY NOT NULL REFERENCES patients(id),
            settings_json TEXT NOT NULL,
            token_hash TEXT UNIQUE,
            updated_at INTEGER NOT NULL
        ) STRICT
        """
    ]

    /// v11: sign-ins by account, for ending all of one account's sign-ins (a password change, signing out
    /// everywhere, a new invite) without reading the whole table.
    private static let v11 = ["CREATE INDEX web_sessions_by_account ON web_sessions(account_id)"]

    /// v12: a sign-in also ends after a time without use: when it was last used (recorded coarsely) and how long
    /// it may rest. Sign-ins made before have the whole of their lifetime as their idle time.
    private static let v12 = [
        "ALTER TABLE web_sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE web_sessions ADD COLUMN idle_seconds INTEGER NOT NULL DEFAULT 0",
        "UPDATE web_sessions SET last_seen_at = created_at, idle_seconds = (expires_at - created_at + 999) / 1000",
    ]

    /// v13: second factors (the TOTP secret sealed under a server key, the last accepted time step), their
    /// one-time recovery codes (hashed), the clinic's settings (whether staff must have a second factor) and the
    /// sign-ins that may only enrol one.
    private static let v13 = [
        """
        CREATE TABLE second_factors (
            account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
            sealed_secret BLOB NOT NULL,
            enrolled_at INTEGER NOT NULL,
            last_step INTEGER NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE recovery_codes (
            account_id TEXT NOT NULL REFERENCES accounts(id),
            code_hash TEXT NOT NULL,
            used_at INTEGER,
            PRIMARY KEY (account_id, code_hash)
        ) STRICT
        """,
        "CREATE TABLE clinic_settings (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT",
        "ALTER TABLE web_sessions ADD COLUMN enrolment_only INTEGER NOT NULL DEFAULT 0",
    ]

    /// v15: the account an audit entry is about (one added, a second factor removed), beside who acted.
    private static let v15 = ["ALTER TABLE audit_log ADD COLUMN subject_account_id TEXT REFERENCES accounts(id)"]

    /// v16: mail about an account rather than a patient (a second factor removed), to that account. SQLite cannot
    /// drop `NOT NULL` from a column, so the outbox is made again with every row; each row names exactly one of the
    /// two.
    private static let v16 = [
        """
        CREATE TABLE outbox_v16 (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            patient_id TEXT REFERENCES patients(id),
            account_id TEXT REFERENCES accounts(id),
            alert_id TEXT REFERENCES alerts(id),
            dedupe_key TEXT UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
            due_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_until INTEGER,
            receipt TEXT,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            finished_at INTEGER,
            CHECK ((patient_id IS NULL) <> (account_id IS NULL))
        ) STRICT
        """,
        """
        INSERT INTO outbox_v16 (id, kind, patient_id, alert_id, dedupe_key, state, due_at, attempts, lease_until,
        receipt, last_error, created_at, finished_at)
        SELECT id, kind, patient_id, alert_id, dedupe_key, state, due_at, attempts, lease_until, receipt, last_error,
        created_at, finished_at FROM outbox ORDER BY rowid
        """,
        "DROP TABLE outbox",
        "ALTER TABLE outbox_v16 RENAME TO outbox",
        "CREATE INDEX outbox_waiting ON outbox(due_at) WHERE state IN ('pending', 'sending')",
        "CREATE INDEX outbox_by_patient ON outbox(patient_id, created_at)",
    ]

    /// v9: each patient's thread with their clinician; the outbox of mail waiting to go (written in the same
    /// transaction as what causes it); the patient's choice of reminders by mail; and the keys that sign links in
    /// mails (shared by every server on the database).
    private static let v9 = [
        """
        CREATE TABLE messages (
            id TEXT PRIMARY KEY NOT NULL,
            patient_id TEXT NOT NULL REFERENCES patients(id),
            author TEXT NOT NULL CHECK (author IN ('patient', 'clinician', 'program')),
            author_account_id TEXT REFERENCES accounts(id),
            text TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            read_at INTEGER
        ) STRICT
        """,
        "CREATE INDEX messages_by_patient ON messages(patient_id, sent_at)",
        "CREATE INDEX unread_messages ON messages(patient_id, author) WHERE read_at IS NULL",
        """
        CREATE TABLE outbox (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            patient_id TEXT NOT NULL REFERENCES patients(id),
            alert_id TEXT REFERENCES alerts(id),
            dedupe_key TEXT UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
            due_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_until INTEGER,
            receipt TEXT,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            finished_at INTEGER
        ) STRICT
        """,
        "CREATE INDEX outbox_waiting ON outbox(due_at) WHERE state IN ('pending', 'sending')",
        "CREATE INDEX outbox_by_patient ON outbox(patient_id, created_at)",
        "ALTER TABLE calendar_feeds ADD COLUMN reminders_by_mail INTEGER NOT NULL DEFAULT 0",
        "CREATE TABLE server_keys (name TEXT PRIMARY KEY NOT NULL, key BLOB NOT NULL) STRICT",
    ]

    /// v7: the clinician's RTM time log, append-only.
    private static let v7 =
        [
            """
            CREATE TABLE time_entries (
                id TEXT PRIMARY KEY NOT NULL,
                patient_id TEXT NOT NULL REFERENCES patients(id),
                clinician_id TEXT REFERENCES accounts(id),
                date TEXT NOT NULL,
                minutes INTEGER NOT NULL CHECK (minutes > 0),
                activity TEXT NOT NULL,
                interactive INTEGER NOT NULL CHECK (interactive IN (0, 1)),
                note TEXT,
                created_at INTEGER NOT NULL
            ) STRICT
            """,
            "CREATE INDEX time_entries_by_patient_date ON time_entries(patient_id, date)",
        ] + appendOnly(["time_entries"])

    /// Triggers that refuse UPDATE and DELETE: these tables are append-only by rule, not by habit.
    private static func appendOnly(_ tables: [String]) -> [String] {
        tables.flatMap { table in
            ["UPDATE", "DELETE"].map { verb in
                """
                CREATE TRIGGER \(table)_no_\(verb.lowercased()) BEFORE \(verb) ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                """
            }
        }
    }
}
