import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

/// A statement the server parses and plans once per connection and then only binds and runs. Used on the
/// session-write path, where parsing and planning a fresh statement took about half of the server's time.
/// Parameters are numbered by hand, so each one is cast to its type in the SQL: the first call may bind a null.
protocol PreparedQuery: PostgresPreparedStatement where Row == PostgresRow {}

extension PreparedQuery {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

extension StoreTransaction {
    /// Runs a prepared statement (preparing it on this connection the first time) and collects its rows.
    func rows<Query: PreparedQuery>(_ query: Query) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await connection.execute(query, logger: logger) { rows.append(row) }
        return rows
    }
}

/// What an actor may see, as three values to bind: see `appendInterpolation(visibleTo:)`.
struct Visibility {
    var all = false
    var clinician: UUID?
    var patient: UUID?

    init(_ actor: AuditActor) {
        switch actor.access {
        case .system: all = true
        case .admin: break
        case .clinician(let id): clinician = id.rawValue
        case .patient(_, let id): patient = id.rawValue
        }
    }

    /// The boolean expression over `patients p`, its three values bound from parameter `first` on.
    static func sql(from first: Int) -> String {
        "($\(first)::bool OR p.clinician_id = $\(first + 1)::uuid OR p.id = $\(first + 2)::uuid)"
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(all)
        bindings.append(clinician)
        bindings.append(patient)
    }
}

/// The optimistic session write's first read: the patient (when `actor` may see them), the history's version,
/// the current plan revision's number and dose signature, and the response stored under the key, if any.
struct SessionBaseQuery: PreparedQuery {
    static let sql = """
        SELECT p.surgery_kind, p.surgery_side, p.surgery_date::text, p.confirmed_phase, p.history_version,
        r.number, r.dose_signature, i.request_hash, i.status, i.body, p.discharge_json FROM patients p
        LEFT JOIN LATERAL (
          SELECT number, dose_signature FROM plan_revisions WHERE patient_id = p.id ORDER BY number DESC LIMIT 1
        ) r ON true
        LEFT JOIN idempotency_keys i ON i.account_id = $2::uuid AND i.key = $3::text
        WHERE p.id = $1::uuid AND \(Visibility.sql(from: 4))
        """

    var patient: PatientID
    var key: IdempotencyKey?
    var actor: AuditActor

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(patient.rawValue)
        bindings.append(key?.accountID.rawValue)
        bindings.append(key?.key)
        Visibility(actor).bind(into: &bindings)
        return bindings
    }
}

/// A patient's history in one round trip: each table's documents in their order (parts 0, 1, 2 and 4), the newest
/// revision's number (3) and dose signature (5), and the history's version (6).
struct HistoryQuery: PreparedQuery {
    static let sql = """
        SELECT 0 AS part, s.session_json::text AS doc, s.date, s.created_at, s.seq FROM sessions s
          WHERE s.patient_id = $1::uuid
        UNION ALL SELECT 1, c.check_in_json::text, c.date, c.created_at, c.seq FROM check_ins c
          WHERE c.patient_id = $1::uuid
        UNION ALL SELECT 2, json_build_object('date', m.date::text, 'kind', m.kind, 'side', m.side,
          'value', m.value, 'method', m.method, 'note', m.note)::text, m.date, m.created_at, m.seq FROM measurements m
          WHERE m.patient_id = $1::uuid
          AND NOT EXISTS (SELECT 1 FROM measurement_strikes s WHERE s.measurement_id = m.id)
        UNION ALL SELECT 4, x.prescription_json::text, x.date, x.created_at, x.seq FROM prescriptions x
          WHERE x.patient_id = $1::uuid
        UNION ALL SELECT 3, (SELECT max(r.number) FROM plan_revisions r WHERE r.patient_id = $1::uuid)::text,
          NULL, NULL, NULL
        UNION ALL SELECT 5, (SELECT r.dose_signature FROM plan_revisions r WHERE r.patient_id = $1::uuid
          ORDER BY r.number DESC LIMIT 1), NULL, NULL, NULL
        UNION ALL SELECT 6, (SELECT p.history_version FROM patients p WHERE p.id = $1::uuid)::text, NULL, NULL, NULL
        ORDER BY part, date, created_at, seq
        """

    var patient: PatientID

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(patient.rawValue)
        return bindings
    }
}

/// Inserts a recorded session, its revision (when any), its audit entry and its idempotency record (when keyed),
/// and moves the history's version on: all of it only if the version is still `expected` and the key is free,
/// none of it otherwise. Its one row counts the version moves (0 or 1) and the inserts made (0 or 1).
struct SessionInsertQuery: PreparedQuery {
    static let sql = """
        WITH moved AS (
          UPDATE patients p SET history_version = p.history_version + 1
          WHERE p.id = $1::uuid AND p.history_version = $2::int8 AND \(Visibility.sql(from: 3)) RETURNING 1
        ), i AS (
          INSERT INTO idempotency_keys (account_id, key, request_hash, status, body, created_at)
          SELECT $6::uuid, $7::text, $8::text, $9::int8, $10::bytea, $12::timestamptz FROM moved WHERE $11::bool
          ON CONFLICT (account_id, key) DO NOTHING RETURNING 1
        ), ok AS (
          SELECT 1 FROM moved WHERE NOT $11::bool OR EXISTS (SELECT 1 FROM i)
        ), s AS (
          INSERT INTO sessions (id, patient_id, date, pain_after, plan_revision, session_json, note, created_at)
          SELECT $13::uuid, $1::uuid, $14::text::date, $15::int8, $16::int8, $17::text::jsonb, $18::text,
          $12::timestamptz FROM ok
        ), r AS (
          INSERT INTO plan_revisions (id, patient_id, number, previous, effective_date, author, reason, plan_json,
          created_at, dose_signature)
          SELECT $19::uuid, $1::uuid, $20::int8, $21::int8, $22::text::date, $23::text, $24::text, $25::text::jsonb,
          $12::timestamptz, $26::text FROM ok WHERE $27::bool
        ), a AS (
          INSERT INTO audit_log (id, account_id, action, patient_id, at, origin)
          SELECT $28::uuid, $29::uuid, $30::text, $31::uuid, $32::timestamptz, $33::text FROM ok
        ), m AS (
          INSERT INTO messages (id, patient_id, author, text, sent_at)
          SELECT $34::uuid, $1::uuid, 'program', $35::text, $12::timestamptz FROM ok WHERE $35::text IS NOT NULL
        )
        SELECT (SELECT count(*) FROM moved), (SELECT count(*) FROM ok)
        """

    var recorded: RecordedSession
    var expected: Int64
    var actor: AuditActor
    var key: IdempotencyKey?
    var response: StoredResponse?
    var audit: AuditEntry
    /// The program's note for the clinician's thread, stored with the session when there is one.
    var programNote: String?

    func makeBindings() throws -> PostgresBindings {
        let stored = recorded.session
        let revision = recorded.revision
        var bindings = PostgresBindings(capacity: 35)
        bindings.append(stored.patientID.rawValue)
        bindings.append(expected)
        Visibility(actor).bind(into: &bindings)
        bindings.append(key?.accountID.rawValue)
        bindings.append(key?.key)
        bindings.append(key?.requestHash)
        bindings.append(response.map { Int64($0.status) })
        try bindings.append(response?.body)
        bindings.append(key != nil)
        bindings.append(stored.createdAt)
        bindings.append(stored.id.rawValue)
        bindings.append(stored.session.date.description)
        bindings.append(stored.session.painAfter.map(Int64.init))
        bindings.append(stored.planRevision.map(Int64.init))
        bindings.append(try StorageCoding.encode(stored.session, "session"))
        bindings.append(stored.note)
        bindings.append(revision?.id.rawValue)
        bindings.append(revision.map { Int64($0.number) })
        bindings.append(revision?.previous.map(Int64.init))
        bindings.append(revision?.effectiveDate.description)
        bindings.append(revision?.author.storedValue)
        bindings.append(revision?.reason)
        bindings.append(try revision.map { try StorageCoding.encode($0.plan, "plan") })
        bindings.append(revision?.plan.doseSignature)
        bindings.append(revision != nil)
        bindings.append(audit.id.rawValue)
        bindings.append(audit.accountID?.rawValue)
        bindings.append(audit.action.rawValue)
        bindings.append(audit.patientID?.rawValue)
        bindings.append(audit.at)
        bindings.append(audit.origin)
        bindings.append(MessageID.generate().rawValue)
        bindings.append(programNote)
        return bindings
    }
}
