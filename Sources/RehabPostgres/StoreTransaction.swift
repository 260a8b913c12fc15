import Foundation
import Logging
import PostgresNIO
import RehabCore
import RehabStorageKit

/// One open transaction on one connection: the repositories' only way to run SQL, always with bound values.
struct StoreTransaction: Sendable {
    /// The connection the transaction runs on.
    let connection: PostgresConnection
    /// Where PostgresNIO logs (it never logs bound values above debug level).
    let logger: Logger

    /// Runs a query and collects its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    /// Runs a statement whose rows do not matter.
    func execute(_ query: PostgresQuery) async throws {
        try await rows(query)
    }

    /// The first row, if any.
    func first(_ query: PostgresQuery) async throws -> PostgresRow? {
        try await rows(query).first
    }

    /// Fails with `notFound` unless the patient exists and `actor` may see them.
    func require(_ patient: PatientID, _ actor: AuditActor, _ context: String) async throws {
        let found = try await first(
            "SELECT 1 FROM patients p WHERE p.id = \(patient.rawValue) AND \(visibleTo: actor)")
        guard found != nil else { throw StorageError(.notFound, "\(context): patient") }
    }

    /// Like `require`, and locks the patient row until the transaction ends, so that writes which read and
    /// extend a patient's history (the revision chain) run one after another. The lock comes from moving the row's
    /// `history_version` on: every write to a patient's history takes it, which is what lets `recordSession` write
    /// without it when the version has not moved (and the record cache trust a version). An UPDATE that changes
    /// no key column still lets other transactions insert rows that reference the patient. The same round trip
    /// reads the patient's surgery and the response stored under `key`, if any (`conflict` when the key came with
    /// another request).
    @discardableResult
    func lock(
        _ patient: PatientID, _ actor: AuditActor, _ context: String, replaying key: IdempotencyKey? = nil
    ) async throws -> LockedPatient {
        let row = try await first(
            """
            UPDATE patients p SET history_version = p.history_version + 1
            FROM (VALUES (1)) AS one (x) LEFT JOIN idempotency_keys i
              ON i.account_id = \(key?.accountID.rawValue)::uuid AND i.key = \(key?.key)::text
            WHERE p.id = \(patient.rawValue) AND \(visibleTo: actor)
            RETURNING p.surgery_kind, p.surgery_side, p.surgery_date::text, p.confirmed_phase, p.history_version,
            i.request_hash, i.status, i.body, p.discharge_json
            """)
        guard let row else { throw StorageError(.notFound, "\(context): patient") }
        let (kind, side, date, phase, version, hash, status, body, discharge) = try row.decode(
            (String, String, String, String?, Int64, String?, Int?, Data?, String?).self)
        return LockedPatient(
            surgery: try PostgresStore.surgery(kind: kind, side: side, date: date), phase: phase,
            discharge: try PostgresStore.discharge(discharge), version: version,
            replay: try Self.replay(key, hash: hash, status: status, body: body))
    }

    /// The response stored under `key`, from the columns of a lookup (`hash` nil: the key is new); `conflict` when
    /// the key was used with another request.
    static func replay(_ key: IdempotencyKey?, hash: String?, status: Int?, body: Data?) throws -> StoredResponse? {
        guard let key, let hash else { return nil }
        guard hash == key.requestHash else {
            throw StorageError(.keyReused, "idempotency key")
        }
        return StoredResponse(status: status ?? 0, body: body ?? Data())
    }

    /// Appends an audit entry inside this transaction.
    func audit(_ actor: AuditActor, _ action: AuditAction, patient: PatientID?, subject: AccountID? = nil)
        async throws
    {
        try await insertAudit(AuditEntry(actor, action, patient: patient, subject: subject))
    }

    /// Inserts an audit entry.
    func insertAudit(_ entry: AuditEntry) async throws {
        try await execute(
            """
            INSERT INTO audit_log (id, account_id, action, patient_id, at, origin, subject_account_id)
            VALUES (\(entry.id.rawValue), \(entry.accountID?.rawValue), \(entry.action.rawValue), \(entry.patientID?.rawValue),
            \(entry.at), \(entry.origin), \(entry.subjectAccountID?.rawValue))
            """)
    }
}

/// What `lock` read with the lock.
struct LockedPatient: Sendable {
    /// The patient's surgery.
    var surgery: Surgery
    /// The confirmed phase, when any.
    var phase: String?
    /// The end of care, while the patient is discharged.
    var discharge: Discharge?
    /// The patient's history version, moved on by this lock (see `lock`).
    var version: Int64
    /// The response stored under the request's idempotency key, when the key was seen before.
    var replay: StoredResponse?
}

extension PostgresQuery.StringInterpolation {
    /// A boolean SQL expression over the `patients` table aliased `p`: what `actor` may see. The system sees
    /// everyone, an admin no one, a clinician their own patients and a patient themself. Values are bound.
    mutating func appendInterpolation(visibleTo actor: AuditActor) {
        let visibility = Visibility(actor)
        appendLiteral("(")
        appendInterpolation(visibility.all)
        appendLiteral(" OR p.clinician_id = ")
        appendInterpolation(visibility.clinician)
        appendLiteral("::uuid OR p.id = ")
        appendInterpolation(visibility.patient)
        appendLiteral("::uuid)")
    }
}

/// Reading values out of rows: a value that does not parse is an `invalid` error naming the column, never a
/// crash or a message that quotes the value.
enum Column {
    /// A typed identifier from a uuid column.
    static func id<ID: StorageIdentifier>(_ uuid: UUID, as type: ID.Type = ID.self) -> ID { ID(rawValue: uuid) }

    /// A calendar day from a `date::text` column.
    static func day(_ text: String, _ column: String) throws(StorageError) -> CalendarDate {
        try StorageCoding.date(text, column)
    }

    /// A document from a `jsonb::text` column.
    static func document<T: Decodable>(_ text: String, as type: T.Type, _ column: String) throws(StorageError) -> T {
        try StorageCoding.decode(type, text, column)
    }
}
