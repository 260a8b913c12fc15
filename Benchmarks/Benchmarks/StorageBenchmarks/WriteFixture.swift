import Foundation
import GRDB
import Logging
import PostgresNIO
import RehabCore
import RehabPostgres
import RehabSQLite
import RehabStorageKit

/// The write benchmarks' fixture: one clinician with `patientCount` patients; iteration `i` logs a session for
/// patient `i % patientCount` with its own idempotency key, so histories stay short (a few sessions each).
struct WriteFixture: Sendable {
    /// How many patients the sessions are spread over.
    static let patientCount = 2_000
    /// The patients.
    let patients: [Patient]
    /// The raw insert's logger, made once so that making it is not part of what the benchmark times.
    static let logger = Logger(label: "kneerehab.bench")
    /// The time every write is stamped with.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Makes the clinic in `store` through its repository methods.
    static func make(_ store: any RehabStore) async throws -> WriteFixture {
        let system = AuditActor(.system, origin: "bench", at: now)
        let clinician = try await store.createAccount(
            NewAccount(role: .clinician, email: "bench-\(UUID())@clinic.test", name: "Dr Bench", passwordHash: "h"),
            by: system)
        var patients: [Patient] = []
        for index in 0..<patientCount {
            let new = NewPatient(
                clinicianID: clinician.id, name: "Patient \(index)", email: "p\(index)-\(UUID())@example.test",
                surgery: Surgery(kind: .totalKneeReplacement, side: .left, date: DataSet.surgeryDate),
                inviteCodeHash: "invite-\(UUID())", inviteExpiresAt: now.addingTimeInterval(86_400))
            patients.append(try await store.createPatient(new, by: system))
        }
        return WriteFixture(patients: patients)
    }

    /// The session write, key and actor for iteration `index`.
    func write(_ index: Int) -> (SessionWrite, IdempotencyKey, AuditActor) {
        let patient = patients[index % patients.count]
        let session = DataSet.session(day: 1 + index / patients.count % 180, seed: UInt64(index))
        let write = SessionWrite(patientID: patient.id, session: session)
        let key = IdempotencyKey(key: "bench-\(index)", accountID: patient.accountID, requestHash: "h\(index)")
        let actor = AuditActor(.patient(account: patient.accountID, patient: patient.id), origin: "bench", at: Self.now)
        return (write, key, actor)
    }

    /// `recordSession` as the web layer calls it: idempotency key, audit entry, stored response; the review
    /// (the plan engine, measured by CoreBenchmarks) returns no new revision.
    static func recordSession(_ store: any RehabStore, _ write: (SessionWrite, IdempotencyKey, AuditActor)) async throws
    {
        _ = try await store.recordSession(
            write.0, idempotency: write.1, by: write.2, review: { _ in nil },
            respond: { recorded in StoredResponse(status: 201, body: Data("{\"id\":\"\(recorded.session.id)\"}".utf8)) }
        )
    }

    /// The raw ceiling on SQLite: one INSERT of the same row in its own write transaction, with a cached prepared
    /// statement as the store's own queries use.
    static func rawInsert(_ pool: DatabasePool, _ write: SessionWrite) async throws {
        let json = try StorageCoding.encode(write.session, "session")
        try await pool.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO sessions (id, patient_id, date, pain_after, plan_revision, session_json, note, created_at)
                    VALUES (?, ?, ?, ?, NULL, ?, NULL, ?)
                    """
            ).execute(
                arguments: [
                    write.id.description, write.patientID.description, write.session.date.description,
                    write.session.painAfter, json, StorageCoding.milliseconds(now),
                ])
        }
    }

    /// The raw ceiling on PostgreSQL: one INSERT of the same row (its own implicit transaction), prepared once per
    /// connection as the store's session-write statements are.
    static func rawInsert(_ client: PostgresClient, _ write: SessionWrite) async throws {
        let insert = RawSessionInsert(write: write, json: try StorageCoding.encode(write.session, "session"))
        try await client.withConnection { connection in
            _ = try await connection.execute(insert, logger: Self.logger)
        }
    }
}

/// The raw INSERT as a prepared statement.
struct RawSessionInsert: PostgresPreparedStatement {
    typealias Row = ()
    static let sql = """
        INSERT INTO sessions (id, patient_id, date, pain_after, plan_revision, session_json, note, created_at)
        VALUES ($1::uuid, $2::uuid, $3::text::date, $4::int8, NULL, $5::text::jsonb, NULL, $6::timestamptz)
        """

    var write: SessionWrite
    var json: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(write.id.rawValue)
        bindings.append(write.patientID.rawValue)
        bindings.append(write.session.date.description)
        bindings.append(write.session.painAfter.map(Int64.init))
        bindings.append(json)
        bindings.append(WriteFixture.now)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}
