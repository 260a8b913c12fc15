import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore: ClinicalDataRepository {
    public func sessions(of patient: PatientID, by actor: AuditActor) async throws -> [StoredSession] {
        try await transaction("sessions", snapshot: true) { tx in
            try await tx.require(patient, actor, "sessions")
            return try await Self.sessions(tx, patient)
        }
    }

    static func sessions(_ tx: StoreTransaction, _ patient: PatientID) async throws -> [StoredSession] {
        try await tx.rows(
            """
            SELECT id, patient_id, session_json::text, plan_revision, note, created_at FROM sessions
            WHERE patient_id = \(patient.rawValue) ORDER BY date, created_at, seq
            """
        ).map { row in
            let (id, patient, session, revision, note, createdAt) = try row.decode(
                (UUID, UUID, String, Int?, String?, Date).self)
            return StoredSession(
                id: Column.id(id), patientID: Column.id(patient),
                session: try Column.document(session, as: ExerciseSession.self, "session_json"),
                planRevision: revision, note: note, createdAt: createdAt)
        }
    }

    public func recordCheckIn(
        _ write: CheckInWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (StoredCheckIn) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredCheckIn> {
        try await idempotent("recordCheckIn", write.patientID, idempotency, actor, respond) { tx in
            var stored = StoredCheckIn(
                id: write.id, patientID: write.patientID, checkIn: write.checkIn, triage: write.triage, alertID: nil,
                createdAt: actor.at)
            if let alert = write.triage.alert {
                stored.alertID = try await Self.insertAlert(tx, alert, write.patientID, at: actor.at).id
            }
            let checkIn = try StorageCoding.encode(write.checkIn, "checkIn")
            let triage = try StorageCoding.encode(write.triage, "triage")
            try await tx.execute(
                """
                INSERT INTO check_ins (id, patient_id, date, triage_level, check_in_json, triage_json, alert_id,
                created_at) VALUES (\(write.id.rawValue), \(write.patientID.rawValue),
                \(write.checkIn.date.description)::date, \(write.triage.level.rawValue), \(checkIn)::jsonb,
                \(triage)::jsonb, \(stored.alertID?.rawValue), \(actor.at))
                """)
            try await tx.audit(actor, .checkInCreate, patient: write.patientID)
            return stored
        }
    }

    public func checkIns(of patient: PatientID, by actor: AuditActor) async throws -> [StoredCheckIn] {
        try await transaction("checkIns", snapshot: true) { tx in
            try await tx.require(patient, actor, "checkIns")
            return try await Self.checkIns(tx, patient)
        }
    }

    static func checkIns(_ tx: StoreTransaction, _ patient: PatientID) async throws -> [StoredCheckIn] {
        try await tx.rows(
            """
            SELECT id, patient_id, check_in_json::text, triage_json::text, alert_id, created_at FROM check_ins
            WHERE patient_id = \(patient.rawValue) ORDER BY date, created_at, seq
            """
        ).map { row in
            let (id, patient, checkIn, triage, alert, createdAt) = try row.decode(
                (UUID, UUID, String, String, UUID?, Date).self)
            return StoredCheckIn(
                id: Column.id(id), patientID: Column.id(patient),
                checkIn: try Column.document(checkIn, as: CheckIn.self, "check_in_json"),
                triage: try Column.document(triage, as: TriageResult.self, "triage_json"),
                alertID: alert.map { Column.id($0) }, createdAt: createdAt)
        }
    }

    public func recordQuestionnaire(
        _ write: QuestionnaireWrite, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (QuestionnaireResponse) throws -> StoredResponse
    ) async throws -> WriteOutcome<QuestionnaireResponse> {
        try await idempotent("recordQuestionnaire", write.patientID, idempotency, actor, respond) { tx in
            let stored = QuestionnaireResponse(
                id: write.id, patientID: write.patientID, date: write.date, answers: write.answers, score: write.score,
                createdAt: actor.at)
            let answers = try StorageCoding.encode(write.answers, "answers")
            let score = try StorageCoding.encode(write.score, "score")
            try await tx.execute(
                """
                INSERT INTO questionnaire_responses (id, patient_id, date, instrument, answers_json, score_json,
                created_at) VALUES (\(write.id.rawValue), \(write.patientID.rawValue), \(write.date.description)::date,
                \(write.score.instrument.rawValue), \(answers)::jsonb, \(score)::jsonb, \(actor.at))
                """)
            try await tx.audit(actor, .questionnaireCreate, patient: write.patientID)
            return stored
        }
    }

    public func questionnaireResponses(of patient: PatientID, by actor: AuditActor) async throws
        -> [QuestionnaireResponse]
    {
        try await transaction("questionnaireResponses", snapshot: true) { tx in
            try await tx.require(patient, actor, "questionnaireResponses")
            return try await Self.questionnaireResponses(tx, patient)
        }
    }

    static func questionnaireResponses(_ tx: StoreTransaction, _ patient: PatientID) async throws
        -> [QuestionnaireResponse]
    {
        try await tx.rows(
            """
            SELECT id, patient_id, date::text, answers_json::text, score_json::text, created_at
            FROM questionnaire_responses WHERE patient_id = \(patient.rawValue) ORDER BY date, created_at, seq
            """
        ).map { row in
            let (id, patient, date, answers, score, createdAt) = try row.decode(
                (UUID, UUID, String, String, String, Date).self)
            return QuestionnaireResponse(
                id: Column.id(id), patientID: Column.id(patient), date: try Column.day(date, "date"),
                answers: try Column.document(answers, as: QuestionnaireAnswers.self, "answers_json"),
                score: try Column.document(score, as: QuestionnaireScore.self, "score_json"), createdAt: createdAt)
        }
    }

    public func recordMeasurement(
        _ measurement: RehabCore.Measurement, id: MeasurementID, for patient: PatientID, by actor: AuditActor
    ) async throws -> StoredMeasurement {
        try await transaction("recordMeasurement") { tx in
            try await tx.lock(patient, actor, "recordMeasurement")
            return try await Self.insertMeasurement(tx, measurement, id, patient, actor)
        }
    }

    public func recordMeasurements(
        _ measurements: [RehabCore.Measurement], for patient: PatientID, idempotency: IdempotencyKey?,
        by actor: AuditActor, respond: @escaping @Sendable ([StoredMeasurement]) throws -> StoredResponse
    ) async throws -> WriteOutcome<[StoredMeasurement]> {
        try await idempotent("recordMeasurements", patient, idempotency, actor, respond) { tx in
            var stored: [StoredMeasurement] = []
            for measurement in measurements {
                stored.append(try await Self.insertMeasurement(tx, measurement, .generate(), patient, actor))
            }
            return stored
        }
    }

    static func insertMeasurement(
        _ tx: StoreTransaction, _ measurement: RehabCore.Measurement, _ id: MeasurementID, _ patient: PatientID,
        _ actor: AuditActor
    ) async throws -> StoredMeasurement {
        try await tx.execute(
            """
            INSERT INTO measurements (id, patient_id, date, kind, side, value, method, note, created_at)
            VALUES (\(id.rawValue), \(patient.rawValue), \(measurement.date.description)::date,
            \(measurement.kind.rawValue), \(measurement.side.rawValue), \(measurement.value),
            \(measurement.method?.rawValue), \(measurement.note), \(actor.at))
            """)
        try await tx.audit(actor, .measurementCreate, patient: patient)
        return StoredMeasurement(id: id, patientID: patient, measurement: measurement, createdAt: actor.at)
    }

    public func measurements(of patient: PatientID, by actor: AuditActor) async throws -> [StoredMeasurement] {
        try await transaction("measurements", snapshot: true) { tx in
            try await tx.require(patient, actor, "measurements")
            return try await Self.measurements(tx, patient)
        }
    }

    static func measurements(_ tx: StoreTransaction, _ patient: PatientID) async throws -> [StoredMeasurement] {
        try await tx.rows(
            "\(unescaped: Self.measurementSelect) WHERE m.patient_id = \(patient.rawValue) ORDER BY m.date, m.created_at, m.seq"
        ).map(Self.measurement)
    }

    public func strikeMeasurement(
        _ id: MeasurementID, of patient: PatientID, reason: String, by actor: AuditActor
    ) async throws -> StoredMeasurement {
        try await transaction("strikeMeasurement") { tx in
            try await tx.lock(patient, actor, "strikeMeasurement")
            let rows = try await tx.rows(
                "\(unescaped: Self.measurementSelect) WHERE m.patient_id = \(patient.rawValue) AND m.id = \(id.rawValue)"
            )
            guard var stored = try rows.first.map(Self.measurement), stored.strike == nil else {
                throw StorageError(.notFound, "strikeMeasurement: measurement")
            }
            let strike = MeasurementStrike(reason: reason, by: actor.accountID, at: actor.at)
            try await tx.execute(
                """
                INSERT INTO measurement_strikes (measurement_id, patient_id, reason, account_id, struck_at)
                VALUES (\(id.rawValue), \(patient.rawValue), \(reason), \(strike.by?.rawValue), \(strike.at))
                """)
            try await tx.audit(actor, .measurementStrike, patient: patient)
            stored.strike = strike
            return stored
        }
    }

    // MARK: - Helpers

    /// Runs `body` in one transaction behind an idempotency key, with the patient row locked: a known key replays,
    /// a new one stores the response.
    func idempotent<V: Sendable>(
        _ context: String, _ patient: PatientID, _ key: IdempotencyKey?, _ actor: AuditActor,
        _ respond: @escaping @Sendable (V) throws -> StoredResponse,
        _ body: @escaping @Sendable (StoreTransaction) async throws -> V
    ) async throws -> WriteOutcome<V> {
        try await replayingLostRace(context, key) {
            try await self.transaction(context) { tx in
                let locked = try await tx.lock(patient, actor, context, replaying: key)
                if let replay = locked.replay { return .replayed(replay) }
                let value = try await body(tx)
                guard let key else { return .created(value, nil) }
                let response = try respond(value)
                guard try await Self.saveResponse(tx, response, key, at: actor.at) else { throw IdempotencyRace() }
                return .created(value, response)
            }
        }
    }

    /// Two requests racing with one key: the loser's transaction rolls back and it replays the winner's response.
    /// The loser may fail on the key (`IdempotencyRace`) or earlier on a row the winner inserted (a `conflict`,
    /// e.g. the same session id): the lock read its stored response from before the winner committed.
    func replayingLostRace<V: Sendable>(
        _ context: String, _ key: IdempotencyKey?, _ body: () async throws -> WriteOutcome<V>
    ) async throws -> WriteOutcome<V> {
        do {
            return try await body()
        } catch is IdempotencyRace {
            guard let key, let stored = try await storedResponse(for: key) else {
                throw StorageError(.conflict, "\(context): idempotency key")
            }
            return .replayed(stored)
        } catch let error as StorageError where error.code == .conflict && key != nil {
            guard let key, let stored = try await storedResponse(for: key) else { throw error }
            return .replayed(stored)
        }
    }

    /// Measurements with any strike, for a `WHERE` on `m`.
    static let measurementSelect = """
        SELECT m.id, m.patient_id, m.date::text, m.kind, m.side, m.value, m.method, m.note, m.created_at,
        s.reason, s.account_id, s.struck_at
        FROM measurements m LEFT JOIN measurement_strikes s ON s.measurement_id = m.id
        """

    static func measurement(_ row: PostgresRow) throws -> StoredMeasurement {
        let (id, patient, date, kindText, sideText, value, methodText, note, createdAt, reason, struckBy, struckAt) =
            try row.decode(
                (UUID, UUID, String, String, String, Double, String?, String?, Date, String?, UUID?, Date?).self)
        guard let kind = MeasurementKind(rawValue: kindText), let side = Side(rawValue: sideText) else {
            throw StorageError(.invalid, "measurements")
        }
        var method: MeasurementMethod?
        if let methodText {
            guard let known = MeasurementMethod(stored: methodText) else {
                throw StorageError(.invalid, "measurements")
            }
            method = known
        }
        let measurement = RehabCore.Measurement(
            date: try Column.day(date, "date"), kind: kind, side: side, value: value, method: method, note: note)
        var strike: MeasurementStrike?
        if let reason, let struckAt {
            strike = MeasurementStrike(reason: reason, by: struckBy.map { Column.id($0) }, at: struckAt)
        }
        return StoredMeasurement(
            id: Column.id(id), patientID: Column.id(patient), measurement: measurement, createdAt: createdAt,
            strike: strike)
    }
}

/// Another transaction stored the same idempotency key first; this one rolls back and replays theirs.
struct IdempotencyRace: Error {}
