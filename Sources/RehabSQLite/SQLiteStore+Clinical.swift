import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore: ClinicalDataRepository {
    public func sessions(of patient: PatientID, by actor: AuditActor) async throws -> [StoredSession] {
        try await read("sessions") { db in
            try Visibility.require(db, patient, actor, "sessions")
            return try Self.sessions(db, patient)
        }
    }

    /// The patient's sessions in date order.
    static func sessions(_ db: Database, _ patient: PatientID) throws -> [StoredSession] {
        try history(db, patient, "id, session_json, plan_revision, note, created_at", from: "sessions") { row in
            StoredSession(
                id: try row.uuid(at: 0, "id"), patientID: patient,
                session: try row.document(at: 1, "session_json", as: ExerciseSession.self), planRevision: row[2],
                note: row[3], createdAt: try row.time(at: 4, "created_at"))
        }
    }

    /// The `columns` of each of the patient's rows in a history `table`, in date order, made into values by `make`:
    /// read by position through a cursor, so no row is copied and no column is looked up by name.
    private static func history<Value>(
        _ db: Database, _ patient: PatientID, _ columns: String, from table: String,
        _ make: @escaping (Row) throws -> Value
    ) throws -> [Value] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT \(columns) FROM \(table) WHERE patient_id = ? ORDER BY date, created_at, rowid"),
            arguments: [patient.text])
        return try Array(rows.map(make))
    }

    public func recordCheckIn(
        _ write: CheckInWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (StoredCheckIn) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredCheckIn> {
        try await idempotent("recordCheckIn", idempotency, actor, respond) { db in
            try Visibility.require(db, write.patientID, actor, "recordCheckIn")
            var stored = StoredCheckIn(
                id: write.id, patientID: write.patientID, checkIn: write.checkIn, triage: write.triage, alertID: nil,
                createdAt: actor.at)
            if let alert = write.triage.alert {
                stored.alertID = try Self.insertAlert(db, alert, write.patientID, at: actor.at).id
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO check_ins (id, patient_id, date, triage_level, check_in_json, triage_json, alert_id,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    write.id.text, write.patientID.text, write.checkIn.date.description, write.triage.level.rawValue,
                    try StorageCoding.encode(write.checkIn, "checkIn"),
                    try StorageCoding.encode(write.triage, "triage"),
                    stored.alertID?.text, actor.at.ms,
                ])
            try Self.audit(db, actor, .checkInCreate, patient: write.patientID)
            return stored
        }
    }

    public func checkIns(of patient: PatientID, by actor: AuditActor) async throws -> [StoredCheckIn] {
        try await read("checkIns") { db in
            try Visibility.require(db, patient, actor, "checkIns")
            return try Self.checkIns(db, patient)
        }
    }

    /// The patient's check-ins in date order, with their triage.
    static func checkIns(_ db: Database, _ patient: PatientID) throws -> [StoredCheckIn] {
        try history(db, patient, "id, check_in_json, triage_json, alert_id, created_at", from: "check_ins") { row in
            StoredCheckIn(
                id: try row.uuid(at: 0, "id"), patientID: patient,
                checkIn: try row.document(at: 1, "check_in_json", as: CheckIn.self),
                triage: try row.document(at: 2, "triage_json", as: TriageResult.self),
                alertID: try row.optionalUUID(at: 3, "alert_id"), createdAt: try row.time(at: 4, "created_at"))
        }
    }

    public func recordQuestionnaire(
        _ write: QuestionnaireWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (QuestionnaireResponse) throws -> StoredResponse
    ) async throws -> WriteOutcome<QuestionnaireResponse> {
        try await idempotent("recordQuestionnaire", idempotency, actor, respond) { db in
            try Visibility.require(db, write.patientID, actor, "recordQuestionnaire")
            let stored = QuestionnaireResponse(
                id: write.id, patientID: write.patientID, date: write.date, answers: write.answers, score: write.score,
                createdAt: actor.at)
            try db.cachedStatement(
                sql: """
                    INSERT INTO questionnaire_responses (id, patient_id, date, instrument, answers_json, score_json,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    write.id.text, write.patientID.text, write.date.description, write.score.instrument.rawValue,
                    try StorageCoding.encode(write.answers, "answers"), try StorageCoding.encode(write.score, "score"),
                    actor.at.ms,
                ])
            try Self.audit(db, actor, .questionnaireCreate, patient: write.patientID)
            return stored
        }
    }

    public func questionnaireResponses(of patient: PatientID, by actor: AuditActor) async throws
        -> [QuestionnaireResponse]
    {
        try await read("questionnaireResponses") { db in
            try Visibility.require(db, patient, actor, "questionnaireResponses")
            return try Self.questionnaireResponses(db, patient)
        }
    }

    static func questionnaireResponses(_ db: Database, _ patient: PatientID) throws -> [QuestionnaireResponse] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT * FROM questionnaire_responses WHERE patient_id = ? ORDER BY date, created_at, rowid"),
            arguments: [patient.text]
        ).map { row in
            QuestionnaireResponse(
                id: try row.uuid("id"), patientID: try row.uuid("patient_id"), date: try row.day("date"),
                answers: try row.document("answers_json", as: QuestionnaireAnswers.self),
                score: try row.document("score_json", as: QuestionnaireScore.self),
                createdAt: try row.time("created_at"))
        }
    }

    public func recordMeasurement(
        _ measurement: RehabCore.Measurement, id: MeasurementID, for patient: PatientID, by actor: AuditActor
    ) async throws -> StoredMeasurement {
        try await write("recordMeasurement") { db in
            try Visibility.require(db, patient, actor, "recordMeasurement")
            return try Self.insertMeasurement(db, measurement, id, patient, actor)
        }
    }

    public func recordMeasurements(
        _ measurements: [RehabCore.Measurement], for patient: PatientID, idempotency: IdempotencyKey?,
        by actor: AuditActor, respond: @escaping @Sendable ([StoredMeasurement]) throws -> StoredResponse
    ) async throws -> WriteOutcome<[StoredMeasurement]> {
        try await idempotent("recordMeasurements", idempotency, actor, respond) { db in
            try Visibility.require(db, patient, actor, "recordMeasurements")
            return try measurements.map { try Self.insertMeasurement(db, $0, .generate(), patient, actor) }
        }
    }

    static func insertMeasurement(
        _ db: Database, _ measurement: RehabCore.Measurement, _ id: MeasurementID, _ patient: PatientID,
        _ actor: AuditActor
    ) throws -> StoredMeasurement {
        try db.cachedStatement(
            sql: """
                INSERT INTO measurements (id, patient_id, date, kind, side, value, method, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                id.text, patient.text, measurement.date.description, measurement.kind.rawValue,
                measurement.side.rawValue, measurement.value, measurement.method?.rawValue, measurement.note,
                actor.at.ms,
            ])
        try Self.audit(db, actor, .measurementCreate, patient: patient)
        return StoredMeasurement(id: id, patientID: patient, measurement: measurement, createdAt: actor.at)
    }

    public func measurements(of patient: PatientID, by actor: AuditActor) async throws -> [StoredMeasurement] {
        try await read("measurements") { db in
            try Visibility.require(db, patient, actor, "measurements")
            return try Self.measurements(db, patient)
        }
    }

    static func measurements(_ db: Database, _ patient: PatientID) throws -> [StoredMeasurement] {
        try Row.fetchAll(
            db.cachedStatement(sql: "\(Self.measurementSelect) ORDER BY m.date, m.created_at, m.rowid"),
            arguments: [patient.text]
        ).map(Self.measurement)
    }

    public func strikeMeasurement(
        _ id: MeasurementID, of patient: PatientID, reason: String, by actor: AuditActor
    ) async throws -> StoredMeasurement {
        try await write("strikeMeasurement") { db in
            try Visibility.require(db, patient, actor, "strikeMeasurement")
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "\(Self.measurementSelect) AND m.id = ?"),
                    arguments: [patient.text, id.text])
            else { throw StorageError(.notFound, "strikeMeasurement: measurement") }
            var stored = try Self.measurement(row)
            guard stored.strike == nil else { throw StorageError(.notFound, "strikeMeasurement: measurement") }
            let strike = MeasurementStrike(reason: reason, by: actor.accountID, at: actor.at)
            try db.cachedStatement(
                sql: """
                    INSERT INTO measurement_strikes (measurement_id, patient_id, reason, account_id, struck_at)
                    VALUES (?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [id.text, patient.text, reason, strike.by?.text, strike.at.ms])
            try Self.audit(db, actor, .measurementStrike, patient: patient)
            stored.strike = strike
            return stored
        }
    }

    /// A patient's measurements with any strike, for `WHERE m.patient_id = ?`.
    static let measurementSelect = """
        SELECT m.*, s.reason AS strike_reason, s.account_id AS strike_account, s.struck_at AS struck_at
        FROM measurements m LEFT JOIN measurement_strikes s ON s.measurement_id = m.id WHERE m.patient_id = ?
        """

    // MARK: - Helpers

    /// Runs `body` in one transaction behind an idempotency key: a known key replays, a new one stores the response.
    func idempotent<V: Sendable>(
        _ context: String, _ key: IdempotencyKey?, _ actor: AuditActor,
        _ respond: @escaping @Sendable (V) throws -> StoredResponse,
        _ body: @escaping @Sendable (Database) throws -> V
    ) async throws -> WriteOutcome<V> {
        try await idempotent(
            context, key, actor, respond, body: { db in (try body(db), ()) }, afterCommit: { (_: Void) in })
    }

    /// The same, where the body also hands `afterCommit` a note that runs once the transaction has committed,
    /// before any other write (not when the key replayed a stored response).
    func idempotent<V: Sendable, Note: Sendable>(
        _ context: String, _ key: IdempotencyKey?, _ actor: AuditActor,
        _ respond: @escaping @Sendable (V) throws -> StoredResponse,
        body: @escaping @Sendable (Database) throws -> (V, Note),
        afterCommit: @escaping @Sendable (Note) -> Void
    ) async throws -> WriteOutcome<V> {
        let (outcome, _) = try await write(
            context,
            { db -> (WriteOutcome<V>, Note?) in
                if let key, let stored = try Self.replay(db, key) { return (.replayed(stored), nil) }
                let (value, note) = try body(db)
                guard let key else { return (.created(value, nil), note) }
                let response = try respond(value)
                try Self.saveResponse(db, response, key, at: actor.at)
                return (.created(value, response), note)
            },
            afterCommit: { _, note in
                if let note { afterCommit(note) }
            })
        return outcome
    }

    /// Inserts a session row; `json` is the session already encoded, when the caller has it.
    static func insertSession(_ db: Database, _ stored: StoredSession, json: String? = nil) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO sessions (id, patient_id, date, pain_after, plan_revision, session_json, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                stored.id.text, stored.patientID.text, stored.session.date.description, stored.session.painAfter,
                stored.planRevision, try json ?? StorageCoding.encode(stored.session, "session"), stored.note,
                stored.createdAt.ms,
            ])
    }

    static func measurement(_ row: Row) throws -> StoredMeasurement {
        guard let kind = MeasurementKind(rawValue: try row.string("kind")),
            let side = Side(rawValue: try row.string("side")), let value = row["value"] as Double?
        else { throw StorageError(.invalid, "measurements") }
        let method = try (row["method"] as String?).map { text throws(StorageError) in
            guard let method = MeasurementMethod(stored: text) else { throw StorageError(.invalid, "measurements") }
            return method
        }
        let measurement = RehabCore.Measurement(
            date: try row.day("date"), kind: kind, side: side, value: value, method: method, note: row["note"])
        let strike = try (row["strike_reason"] as String?).map { reason throws(StorageError) in
            MeasurementStrike(
                reason: reason, by: try row.optionalUUID("strike_account"), at: try row.time("struck_at"))
        }
        return StoredMeasurement(
            id: try row.uuid("id"), patientID: try row.uuid("patient_id"), measurement: measurement,
            createdAt: try row.time("created_at"), strike: strike)
    }
}
