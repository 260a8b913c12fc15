import Logging
import PostgresNIO
import RehabCore

/// The schema as append-only numbered migrations with the same names as `RehabSQLite`'s, recorded in
/// `schema_migrations`. Never edit a shipped migration: add the next one in both engines.
enum PostgresSchema {
    /// The migrations in order.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1-initial-schema", v1), ("v2-prescriptions", v2), ("v3-lean-write-path", v3),
        ("v4-history-version", v4), ("v5-measurement-details", v5),
        ("v6-episodes-of-care", v6), ("v7-time-log", v7), ("v8-calendar-feeds", v8),
        ("v9-messages-and-outbox", v9),
        ("v10-patient-language", v10),
        ("v11-sign-ins-by-account", v11),
        ("v12-sign-in-lifetime", v12),
        ("v13-second-factor", v13),
        ("v14-shared-server-state", v14),
        ("v15-audit-subject", v15),
        ("v16-account-mail", v16),
    ]

    /// v9: each patient's thread with their clinician; the outbox of mail waiting to go (written in the same
    /// transaction as what causes it); the patient's choice of reminders by mail; and the keys that sign links in
    /// mails (shared by every server on the database).
    private static let v9 = [
        """
        CREATE TABLE messages (
            id uuid PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            author text NOT NULL CHECK (author IN ('patient', 'clinician', 'program')),
            author_account_id uuid REFERENCES accounts(id),
            text text NOT NULL,
            sent_at timestamptz NOT NULL,
            read_at timestamptz)
        """,
        "CREATE INDEX messages_by_patient ON messages(patient_id, sent_at)",
        "CREATE INDEX unread_messages ON messages(patient_id, author) WHERE read_at IS NULL",
        """
        CREATE TABLE outbox (
            id uuid PRIMARY KEY,
            kind text NOT NULL,
            patient_id uuid NOT NULL REFERENCES patients(id),
            alert_id uuid REFERENCES alerts(id),
            dedupe_key text UNIQUE,
            state text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
            due_at timestamptz NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            lease_until timestamptz,
            receipt text,
            last_error text,
            created_at timestamptz NOT NULL,
            finished_at timestamptz)
        """,
        "CREATE INDEX outbox_waiting ON outbox(due_at) WHERE state IN ('pending', 'sending')",
        "CREATE INDEX outbox_by_patient ON outbox(patient_id, created_at)",
        "ALTER TABLE calendar_feeds ADD COLUMN reminders_by_mail boolean NOT NULL DEFAULT false",
        "CREATE TABLE server_keys (name text PRIMARY KEY, key bytea NOT NULL)",
    ]

    /// v10: the language a patient chose for their pages and plan (NULL: follow the browser).
    private static let v10 = [
        "ALTER TABLE patients ADD COLUMN language text CHECK (language IN ('en', 'es'))"
    ]

    /// v11: sign-ins by account, for ending all of one account's sign-ins (a password change, signing out
    /// everywhere, a new invite) without reading the whole table.
    private static let v11 = ["CREATE INDEX web_sessions_by_account ON web_sessions(account_id)"]

    /// v12: a sign-in also ends after a time without use: when it was last used (recorded coarsely) and how long
    /// it may rest. Sign-ins made before have the whole of their lifetime as their idle time.
    private static let v12 = [
        "ALTER TABLE web_sessions ADD COLUMN last_seen_at timestamptz",
        "ALTER TABLE web_sessions ADD COLUMN idle_seconds integer",
        """
        UPDATE web_sessions SET last_seen_at = created_at,
            idle_seconds = ceil(extract(epoch FROM expires_at - created_at))::integer
        """,
        "ALTER TABLE web_sessions ALTER COLUMN last_seen_at SET NOT NULL",
        "ALTER TABLE web_sessions ALTER COLUMN idle_seconds SET NOT NULL",
    ]

    /// v13: second factors (the TOTP secret sealed under a server key, the last accepted time step), their
    /// one-time recovery codes (hashed), the clinic's settings (whether staff must have a second factor) and the
    /// sign-ins that may only enrol one.
    private static let v13 = [
        """
        CREATE TABLE second_factors (
            account_id uuid PRIMARY KEY REFERENCES accounts(id),
            sealed_secret bytea NOT NULL,
            enrolled_at timestamptz NOT NULL,
            last_step bigint NOT NULL)
        """,
        """
        CREATE TABLE recovery_codes (
            account_id uuid NOT NULL REFERENCES accounts(id),
            code_hash text NOT NULL,
            used_at timestamptz,
            PRIMARY KEY (account_id, code_hash))
        """,
        "CREATE TABLE clinic_settings (name text PRIMARY KEY, value text NOT NULL)",
        "ALTER TABLE web_sessions ADD COLUMN enrolment_only boolean NOT NULL DEFAULT false",
    ]

    /// v14: what several instances share besides the data. Failed sign-ins, counted for all instances (unlogged:
    /// a crash may forget them, which only restarts the count); and the end of a sign-in announced on the news
    /// channel by the database itself, in the transaction that deletes it, so every instance forgets it at once
    /// however it ended. Sign-ins that had expired anyway (the sweeper's) are not announced.
    private static let v14 = [
        "CREATE UNLOGGED TABLE sign_in_failures (key text NOT NULL, failed_at timestamptz NOT NULL)",
        "CREATE INDEX sign_in_failures_by_key ON sign_in_failures(key, failed_at)",
        "CREATE INDEX sign_in_failures_by_time ON sign_in_failures(failed_at)",
        """
        CREATE FUNCTION announce_sign_in_end() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('kneerehab_news', 'signed-out ' || OLD.token_hash); RETURN NULL; END $$
        """,
        """
        CREATE TRIGGER web_sessions_announce_end AFTER DELETE ON web_sessions FOR EACH ROW
        WHEN (OLD.expires_at > now()) EXECUTE FUNCTION announce_sign_in_end()
        """,
    ]

    /// v15: the account an audit entry is about (one added, a second factor removed), beside who acted.
    private static let v15 = ["ALTER TABLE audit_log ADD COLUMN subject_account_id uuid REFERENCES accounts(id)"]

    /// v16: mail about an account rather than a patient (a second factor removed), to that account; each row names
    /// exactly one of the two.
    private static let v16 = [
        "ALTER TABLE outbox ALTER COLUMN patient_id DROP NOT NULL",
        "ALTER TABLE outbox ADD COLUMN account_id uuid REFERENCES accounts(id)",
        "ALTER TABLE outbox ADD CONSTRAINT outbox_one_recipient CHECK ((patient_id IS NULL) <> (account_id IS NULL))",
    ]

    /// v8: a patient's calendar settings and the hash of their private feed link.
    private static let v8 = [
        """
        CREATE TABLE calendar_feeds (
            patient_id uuid PRIMARY KEY REFERENCES patients(id),
            settings_json text NOT NULL,
            token_hash text UNIQUE,
            updated_at timestamptz NOT NULL)
        """
    ]

    /// v7: the clinician's RTM time log, append-only.
    private static let v7 = [
        """
        CREATE TABLE time_entries (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            clinician_id uuid REFERENCES accounts(id),
            date date NOT NULL,
            minutes integer NOT NULL CHECK (minutes > 0),
            activity text NOT NULL,
            interactive boolean NOT NULL,
            note text,
            created_at timestamptz NOT NULL)
        """,
        "CREATE INDEX time_entries_by_patient_date ON time_entries(patient_id, date)",
        "CREATE TRIGGER time_entries_append_only BEFORE UPDATE OR DELETE ON time_entries FOR EACH ROW EXECUTE FUNCTION refuse_change()",
    ]

    /// v6: a discharged patient's row holds the end of care (date, reason, the home program to keep) until care is
    /// reopened; each discharge, reopening and correction is also a plan revision and an audit entry.
    private static let v6 = ["ALTER TABLE patients ADD COLUMN discharge_json text"]

    /// v5: a measurement may carry the clinician's note, and one entered by mistake is struck out by a row of its
    /// own (why, by whom, when) rather than changed or deleted, so the record keeps what was entered.
    private static let v5 = [
        "ALTER TABLE measurements ADD COLUMN note text",
        """
        CREATE TABLE measurement_strikes (
            measurement_id uuid PRIMARY KEY REFERENCES measurements(id),
            patient_id uuid NOT NULL REFERENCES patients(id),
            reason text NOT NULL,
            account_id uuid REFERENCES accounts(id),
            struck_at timestamptz NOT NULL)
        """,
        "CREATE INDEX measurement_strikes_by_patient ON measurement_strikes(patient_id)",
        "CREATE TRIGGER measurement_strikes_append_only BEFORE UPDATE OR DELETE ON measurement_strikes FOR EACH ROW EXECUTE FUNCTION refuse_change()",
    ]

    /// v4: a counter on the patient row that every write to the patient's history moves on, under the row's lock
    /// (`StoreTransaction.lock`). `recordSession` reads it without a lock and writes only if it has not moved
    /// (compare and swap), and the record cache names histories by it.
    private static let v4 = [
        "ALTER TABLE patients ADD COLUMN history_version bigint NOT NULL DEFAULT 0"
    ]

    /// v3: revisions gain the plan's `doseSignature`, so a review that asks nothing new stores no revision. (In
    /// SQLite the same migration also rebuilds `idempotency_keys` and `audit_log` so that a write touches fewer
    /// B-trees; PostgreSQL's heap tables need no such change.)
    private static let v3 = [
        "ALTER TABLE plan_revisions ADD COLUMN dose_signature text",
        """
        COMMENT ON TABLE audit_log IS 'Append-only: who read or changed which patient''s health data, when, and from where'
        """,
    ]

    /// v2: a clinician's dose edits, additions and removals, kept as documents like sessions.
    private static let v2 = [
        """
        CREATE TABLE prescriptions (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            date date NOT NULL,
            prescription_json jsonb NOT NULL,
            author_id uuid REFERENCES accounts(id),
            created_at timestamptz NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY)
        """,
        "CREATE INDEX prescriptions_by_patient_date ON prescriptions(patient_id, date)",
        """
        CREATE TRIGGER prescriptions_append_only BEFORE UPDATE OR DELETE ON prescriptions FOR EACH ROW
        EXECUTE FUNCTION refuse_change()
        """,
    ]

    private static let v1 = [
        """
        CREATE TABLE accounts (
            id uuid PRIMARY KEY,
            role text NOT NULL CHECK (role IN ('admin', 'clinician', 'patient')),
            email text NOT NULL,
            email_key text NOT NULL UNIQUE,
            name text NOT NULL,
            password_hash text,
            invite_code_hash text UNIQUE,
            invite_expires_at timestamptz,
            created_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE patients (
            id uuid PRIMARY KEY,
            account_id uuid NOT NULL UNIQUE REFERENCES accounts(id),
            clinician_id uuid NOT NULL REFERENCES accounts(id),
            name text NOT NULL,
            surgery_kind text NOT NULL,
            surgery_side text NOT NULL CHECK (surgery_side IN ('left', 'right')),
            surgery_date date NOT NULL,
            confirmed_phase text,
            created_at timestamptz NOT NULL)
        """,
        "CREATE INDEX patients_by_clinician ON patients(clinician_id, name)",
        """
        CREATE TABLE plan_revisions (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            number integer NOT NULL CHECK (number >= 1),
            previous integer CHECK ((number = 1 AND previous IS NULL) OR previous = number - 1),
            effective_date date NOT NULL,
            author text NOT NULL,
            reason text NOT NULL,
            plan_json jsonb NOT NULL,
            created_at timestamptz NOT NULL,
            UNIQUE (patient_id, number),
            FOREIGN KEY (patient_id, previous) REFERENCES plan_revisions(patient_id, number))
        """,
        """
        CREATE TABLE sessions (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            date date NOT NULL,
            pain_after integer,
            plan_revision integer,
            session_json jsonb NOT NULL,
            note text,
            created_at timestamptz NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY)
        """,
        "CREATE INDEX sessions_by_patient_date ON sessions(patient_id, date) INCLUDE (pain_after)",
        """
        CREATE TABLE alerts (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            level text NOT NULL,
            rule text NOT NULL,
            message text NOT NULL,
            raised_at timestamptz NOT NULL,
            acknowledged_by uuid REFERENCES accounts(id),
            acknowledged_at timestamptz,
            CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)))
        """,
        "CREATE INDEX alerts_by_patient ON alerts(patient_id, raised_at)",
        "CREATE INDEX open_alerts_by_patient ON alerts(patient_id) WHERE acknowledged_at IS NULL",
        """
        CREATE TABLE check_ins (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            date date NOT NULL,
            triage_level text NOT NULL,
            check_in_json jsonb NOT NULL,
            triage_json jsonb NOT NULL,
            alert_id uuid REFERENCES alerts(id),
            created_at timestamptz NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY)
        """,
        "CREATE INDEX check_ins_by_patient_date ON check_ins(patient_id, date)",
        """
        CREATE TABLE questionnaire_responses (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            date date NOT NULL,
            instrument text NOT NULL,
            answers_json jsonb NOT NULL,
            score_json jsonb NOT NULL,
            created_at timestamptz NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY)
        """,
        "CREATE INDEX questionnaires_by_patient_date ON questionnaire_responses(patient_id, date)",
        """
        CREATE TABLE measurements (
            id uuid PRIMARY KEY,
            patient_id uuid NOT NULL REFERENCES patients(id),
            date date NOT NULL,
            kind text NOT NULL,
            side text NOT NULL CHECK (side IN ('left', 'right')),
            value double precision NOT NULL,
            method text,
            created_at timestamptz NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY)
        """,
        "CREATE INDEX measurements_by_patient_date ON measurements(patient_id, date)",
        """
        CREATE TABLE audit_log (
            id uuid PRIMARY KEY,
            account_id uuid REFERENCES accounts(id),
            action text NOT NULL,
            patient_id uuid REFERENCES patients(id),
            at timestamptz NOT NULL,
            origin text NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY)
        """,
        "CREATE INDEX audit_by_patient ON audit_log(patient_id, at)",
        "CREATE INDEX audit_by_account ON audit_log(account_id, at)",
        """
        CREATE TABLE idempotency_keys (
            account_id uuid NOT NULL REFERENCES accounts(id),
            key text NOT NULL,
            request_hash text NOT NULL,
            status integer NOT NULL,
            body bytea NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (account_id, key))
        """,
        """
        CREATE TABLE web_sessions (
            token_hash text PRIMARY KEY,
            account_id uuid NOT NULL REFERENCES accounts(id),
            expires_at timestamptz NOT NULL,
            csrf_token text NOT NULL,
            created_at timestamptz NOT NULL)
        """,
        "CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_at)",
        """
        CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
        """,
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change()",
        "CREATE TRIGGER plan_revisions_append_only BEFORE UPDATE OR DELETE ON plan_revisions FOR EACH ROW EXECUTE FUNCTION refuse_change()",
    ]
}

extension PostgresStore {
    /// The names of every migration this build knows, in order.
    public static var migrationNames: [String] { PostgresSchema.migrations.map(\.name) }

    /// Applies the migrations not applied yet, all in one transaction; an advisory lock keeps two instances
    /// from migrating at once. Running it again changes nothing.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await transaction("migrate") { transaction in
            let connection = transaction.connection
            try await connection.query("SELECT pg_advisory_xact_lock(7304211)", logger: self.logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: self.logger)
            var done: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: self.logger)
                .decode(String.self)
            { done.insert(name) }
            var applied: [String] = []
            for migration in PostgresSchema.migrations where !done.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (name) VALUES (\(migration.name))", logger: self.logger)
                applied.append(migration.name)
            }
            return applied
        }
    }

    /// The applied migrations, in order.
    public func appliedMigrations() async throws -> [String] {
        try await transaction("appliedMigrations") { transaction in
            let connection = transaction.connection
            var names: [String] = []
            for try await name in try await connection.query(
                // By number, not by text, within one transaction's batch: `v11-…` comes after `v2-…`.
                """
                SELECT name FROM schema_migrations
                ORDER BY applied_at, substring(name from '^v([0-9]+)-')::int NULLS LAST, name
                """, logger: self.logger
            ).decode(String.self) { names.append(name) }
            return names
        }
    }
}
