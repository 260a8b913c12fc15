import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore: PatientRepository {
    /// The clinician's account row is locked first, so two requests with one idempotency key run one after the
    /// other: the second finds the first's stored response and replays it.
    public func createPatient(
        _ new: NewPatient, idempotency key: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Patient) throws -> StoredResponse
    ) async throws -> WriteOutcome<Patient> {
        let (account, patient) = (new.account(at: actor.at), new.patient(at: actor.at))
        return try await replayingLostRace("createPatient", key) {
            try await self.transaction("createPatient") { tx -> WriteOutcome<Patient> in
                let role = try await tx.first(
                    "SELECT role FROM accounts WHERE id = \(new.clinicianID.rawValue) FOR UPDATE")
                guard try role?.decode(String.self) == AccountRole.clinician.rawValue else {
                    throw StorageError(.notFound, "createPatient: clinician")
                }
                if let key, let stored = try await Self.replay(tx, key) { return .replayed(stored) }
                try await Self.insertPatient(new, account, patient, tx, actor)
                guard let key else { return .created(patient, nil) }
                let response = try respond(patient)
                guard try await Self.saveResponse(tx, response, key, at: actor.at) else { throw IdempotencyRace() }
                return .created(patient, response)
            }
        }
    }

    private static func insertPatient(
        _ new: NewPatient, _ account: Account, _ patient: Patient, _ tx: StoreTransaction, _ actor: AuditActor
    ) async throws {
        try await Self.insert(account, invite: (new.inviteCodeHash, new.inviteExpiresAt), tx)
        try await tx.execute(
            """
            INSERT INTO patients (id, account_id, clinician_id, name, surgery_kind, surgery_side, surgery_date,
            created_at) VALUES (\(patient.id.rawValue), \(account.id.rawValue), \(new.clinicianID.rawValue),
            \(new.name), \(new.surgery.kind.rawValue), \(new.surgery.side.rawValue),
            \(new.surgery.date.description)::date, \(actor.at))
            """)
        try await tx.audit(actor, .patientCreate, patient: patient.id)
        if let draft = new.firstPlan {
            _ = try await Self.insertRevision(tx, draft, patient.id, after: nil, at: actor.at)
            try await tx.audit(actor, .planRevise, patient: patient.id)
        }
    }

    public func patient(_ id: PatientID, by actor: AuditActor) async throws -> Patient {
        try await transaction("patient") { tx in
            let row = try await tx.first(
                "\(unescaped: Self.patientSelect) WHERE p.id = \(id.rawValue) AND \(visibleTo: actor)")
            guard let row else { throw StorageError(.notFound, "patient") }
            return try Self.patient(row)
        }
    }

    public func patient(account: AccountID) async throws -> Patient {
        try await transaction("patientByAccount") { tx in
            let row = try await tx.first("\(unescaped: Self.patientSelect) WHERE p.account_id = \(account.rawValue)")
            guard let row else { throw StorageError(.notFound, "patient") }
            return try Self.patient(row)
        }
    }

    public func patients(_ query: PatientListQuery) async throws -> [PatientSummary] {
        let from = query.asOf.adding(days: -query.adherenceWindowDays).description
        let window = query.adherenceWindowDays
        return try await transaction("patients", snapshot: true) { tx in
            // One index probe per figure and patient: open alerts (partial index), the latest session (its day
            // and pain from one backward probe of `sessions_by_patient_date`), and the days in the window.
            let rows = try await tx.rows(
                """
                SELECT p.id, p.name, p.surgery_kind, p.surgery_side, p.surgery_date::text, p.discharge_json,
                  (SELECT count(*) FROM alerts a WHERE a.patient_id = p.id AND a.acknowledged_at IS NULL)
                    AS open_alerts,
                  last.pain_after AS latest_pain,
                  (SELECT count(DISTINCT s.date) FROM sessions s WHERE s.patient_id = p.id
                    AND s.date > \(from)::date AND s.date <= \(query.asOf.description)::date) AS window_days,
                  last.date::text AS last_session
                FROM patients p
                LEFT JOIN LATERAL (
                  SELECT s.date, s.pain_after FROM sessions s WHERE s.patient_id = p.id ORDER BY s.date DESC LIMIT 1
                ) last ON true
                WHERE p.clinician_id = \(query.clinicianID.rawValue)
                  AND ((p.discharge_json IS NOT NULL) = \(query.discharged) OR (NOT \(query.discharged) AND EXISTS (
                    SELECT 1 FROM alerts a WHERE a.patient_id = p.id AND a.acknowledged_at IS NULL
                    AND a.level IN ('urgent', 'emergency'))))
                """
            ).map { row in try Self.summary(row, window: window) }
            let signals = try await tx.rows(
                """
                SELECT a.patient_id, a.level, a.rule FROM alerts a JOIN patients p ON p.id = a.patient_id
                WHERE p.clinician_id = \(query.clinicianID.rawValue) AND a.acknowledged_at IS NULL
                """
            ).map { row in
                let (patient, level, rule) = try row.decode((UUID, String, String).self)
                return (Column.id(patient) as PatientID, Worklist.AlertSignal(level: try Self.level(level), rule: rule))
            }
            return Worklist.ordered(
                rows, openAlerts: Dictionary(grouping: signals, by: \.0).mapValues { $0.map(\.1) },
                policy: query.policy,
                offset: query.offset, limit: query.limit)
        }
    }

    public func reassignPatient(_ patient: PatientID, to clinician: AccountID, by actor: AuditActor) async throws
        -> Patient
    {
        switch actor.access {
        case .admin, .system: break
        case .clinician, .patient: throw StorageError(.notFound, "reassignPatient: patient")
        }
        return try await transaction("reassignPatient") { tx in
            let role = try await tx.first("SELECT role FROM accounts WHERE id = \(clinician.rawValue)")
            guard try role?.decode(String.self) == AccountRole.clinician.rawValue else {
                throw StorageError(.notFound, "reassignPatient: clinician")
            }
            let moved = try await tx.first(
                """
                UPDATE patients SET clinician_id = \(clinician.rawValue), history_version = history_version + 1
                WHERE id = \(patient.rawValue) RETURNING id
                """)
            guard moved != nil,
                let row = try await tx.first("\(unescaped: Self.patientSelect) WHERE p.id = \(patient.rawValue)")
            else { throw StorageError(.notFound, "reassignPatient: patient") }
            try await tx.audit(actor, .patientReassign, patient: patient)
            return try Self.patient(row)
        }
    }

    public func setLanguage(_ language: Language?, for patient: PatientID, by actor: AuditActor) async throws
        -> Patient
    {
        try await transaction("setLanguage") { tx in
            let changed = try await tx.first(
                """
                UPDATE patients p SET language = \(language?.rawValue) WHERE p.id = \(patient.rawValue)
                AND \(visibleTo: actor) RETURNING p.id
                """)
            guard changed != nil,
                let row = try await tx.first("\(unescaped: Self.patientSelect) WHERE p.id = \(patient.rawValue)")
            else { throw StorageError(.notFound, "setLanguage: patient") }
            return try Self.patient(row)
        }
    }

    public func caseload(by actor: AuditActor) async throws -> [CaseloadEntry] {
        switch actor.access {
        case .admin, .system: break
        case .clinician, .patient: return []
        }
        return try await transaction("caseload", snapshot: true) { tx in
            try await tx.rows(
                """
                SELECT p.id, p.name, p.clinician_id, c.name FROM patients p JOIN accounts c ON c.id = p.clinician_id
                ORDER BY p.name, p.id
                """
            ).map { row in
                let (id, name, clinician, clinicianName) = try row.decode((UUID, String, UUID, String).self)
                return CaseloadEntry(
                    patientID: Column.id(id), patientName: name, clinicianID: Column.id(clinician),
                    clinicianName: clinicianName)
            }
        }
    }

    public func clinicians() async throws -> [Account] {
        try await transaction("clinicians", snapshot: true) { tx in
            try await tx.rows("\(unescaped: Self.accountSelect) WHERE role = 'clinician' ORDER BY name, id")
                .map(Self.account)
        }
    }

    public func record(of patient: PatientID, by actor: AuditActor) async throws -> PatientRecord {
        try await transaction("record", snapshot: true) { tx in
            let record = try await Self.loadRecord(tx, patient, actor)
            try await tx.audit(actor, .recordRead, patient: patient)
            return record
        }
    }

    // MARK: - Rows

    static let patientSelect = """
        SELECT p.id, p.account_id, p.clinician_id, p.name, a.email, p.surgery_kind, p.surgery_side,
        p.surgery_date::text, p.confirmed_phase, p.created_at, p.discharge_json, p.language
        FROM patients p JOIN accounts a ON a.id = p.account_id
        """

    /// The stored end of care, if any.
    static func discharge(_ json: String?) throws(StorageError) -> Discharge? {
        try json.map { text throws(StorageError) in try Column.document(text, as: Discharge.self, "discharge") }
    }

    static func surgery(kind: String, side: String, date: String) throws -> Surgery {
        guard let kind = SurgeryKind(rawValue: kind), let side = Side(rawValue: side) else {
            throw StorageError(.invalid, "patients.surgery")
        }
        return Surgery(kind: kind, side: side, date: try Column.day(date, "surgery_date"))
    }

    static func patient(_ row: PostgresRow) throws -> Patient {
        let (id, account, clinician, name, email, kind, side, date, phase, createdAt, discharge, language) =
            try row.decode(
                (UUID, UUID, UUID, String, String, String, String, String, String?, Date, String?, String?).self)
        return Patient(
            id: Column.id(id), accountID: Column.id(account), clinicianID: Column.id(clinician), name: name,
            email: email, surgery: try surgery(kind: kind, side: side, date: date), confirmedPhase: phase,
            createdAt: createdAt, discharge: try Self.discharge(discharge),
            language: language.flatMap(Language.init(rawValue:)))
    }

    static func summary(_ row: PostgresRow, window: Int) throws -> PatientSummary {
        let (id, name, kind, side, date, discharge, alerts, pain, days, last) = try row.decode(
            (UUID, String, String, String, String, String?, Int, Int?, Int, String?).self)
        return PatientSummary(
            id: Column.id(id), name: name, surgery: try surgery(kind: kind, side: side, date: date), openAlerts: alerts,
            latestPain: pain, sessionDaysInWindow: days, adherencePercent: window > 0 ? days * 100 / window : 0,
            lastSessionDate: try last.map { text throws(StorageError) in try Column.day(text, "last_session") },
            dischargedOn: try Self.discharge(discharge)?.date)
    }

    /// The record document from the stored rows, oldest first; `notFound` when the actor may not see it.
    static func loadRecord(_ tx: StoreTransaction, _ id: PatientID, _ actor: AuditActor) async throws -> PatientRecord {
        let row = try await tx.first(
            """
            SELECT p.surgery_kind, p.surgery_side, p.surgery_date::text, p.confirmed_phase, p.discharge_json
            FROM patients p WHERE p.id = \(id.rawValue) AND \(visibleTo: actor)
            """)
        guard let row else { throw StorageError(.notFound, "record: patient") }
        let (kind, side, date, phase, discharge) = try row.decode((String, String, String, String?, String?).self)
        let history = try await self.history(tx, id)
        return PatientRecord(
            surgery: try surgery(kind: kind, side: side, date: date), phase: phase, sessions: history.sessions,
            checkIns: history.checkIns, measurements: history.measurements, prescriptions: history.prescriptions,
            discharge: try Self.discharge(discharge))
    }

    /// A patient's stored history, its version and the current plan revision's number and dose signature.
    struct History {
        var sessions: [ExerciseSession] = []
        var checkIns: [CheckIn] = []
        var measurements: [RehabCore.Measurement] = []
        var prescriptions: [Prescription] = []
        var currentRevision: Int?
        var currentSignature: String?
        /// The patient row's `history_version` in the same snapshot.
        var version: Int64 = 0

        /// The part the record cache keeps.
        var cacheable: RecordCache<WriteBase>.History {
            .init(sessions: sessions, checkIns: checkIns, measurements: measurements, prescriptions: prescriptions)
        }
    }

    /// Reads the history in one round trip (`HistoryQuery`).
    static func history(_ tx: StoreTransaction, _ id: PatientID) async throws -> History {
        let rows = try await tx.rows(HistoryQuery(patient: id))
        var history = History()
        for row in rows {
            let (part, doc) = try row.decode((Int, String?).self)
            switch (part, doc) {
            case (0, let doc?): history.sessions.append(try StorageCoding.decode(ExerciseSession.self, doc, "sessions"))
            case (1, let doc?): history.checkIns.append(try Column.document(doc, as: CheckIn.self, "check_ins"))
            case (2, let doc?):
                history.measurements.append(try Column.document(doc, as: RehabCore.Measurement.self, "measurements"))
            case (3, let doc?): history.currentRevision = Int(doc)
            case (5, let doc?): history.currentSignature = doc
            case (6, let doc?): history.version = Int64(doc) ?? -1
            case (4, let doc?):
                history.prescriptions.append(try Column.document(doc, as: Prescription.self, "prescriptions"))
            default: break
            }
        }
        return history
    }
}
