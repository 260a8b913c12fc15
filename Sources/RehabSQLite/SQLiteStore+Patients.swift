import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore: PatientRepository {
    public func createPatient(
        _ new: NewPatient, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Patient) throws -> StoredResponse
    ) async throws -> WriteOutcome<Patient> {
        let (account, patient) = (new.account(at: actor.at), new.patient(at: actor.at))
        return try await idempotent("createPatient", idempotency, actor, respond) { db in
            let role = try String.fetchOne(
                db.cachedStatement(sql: "SELECT role FROM accounts WHERE id = ?"), arguments: [new.clinicianID.text])
            guard role == AccountRole.clinician.rawValue else {
                throw StorageError(.notFound, "createPatient: clinician")
            }
            try Self.insert(account, invite: (new.inviteCodeHash, new.inviteExpiresAt), db)
            try db.cachedStatement(
                sql: """
                    INSERT INTO patients (id, account_id, clinician_id, name, surgery_kind, surgery_side,
                    surgery_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    patient.id.text, account.id.text, new.clinicianID.text, new.name, new.surgery.kind.rawValue,
                    new.surgery.side.rawValue, new.surgery.date.description, actor.at.ms,
                ])
            try Self.audit(db, actor, .patientCreate, patient: patient.id)
            if let draft = new.firstPlan {
                _ = try Self.insertRevision(db, draft, patient.id, after: nil, at: actor.at)
                try Self.audit(db, actor, .planRevise, patient: patient.id)
            }
            return patient
        }
    }

    public func patient(_ id: PatientID, by actor: AuditActor) async throws -> Patient {
        try await read("patient") { db in
            let (sql, arguments) = Visibility.clause(actor)
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(Self.patientSelect) WHERE p.id = ? AND \(sql)"),
                arguments: [id.text] + arguments)
            guard let row else { throw StorageError(.notFound, "patient") }
            return try Self.patient(row)
        }
    }

    public func patient(account: AccountID) async throws -> Patient {
        try await read("patientByAccount") { db in
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(Self.patientSelect) WHERE p.account_id = ?"), arguments: [account.text])
            guard let row else { throw StorageError(.notFound, "patient") }
            return try Self.patient(row)
        }
    }

    public func patients(_ query: PatientListQuery) async throws -> [PatientSummary] {
        try await read("patients") { db in
            let from = query.asOf.adding(days: -query.adherenceWindowDays).description
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: Self.listSQL),
                arguments: [from, query.asOf.description, query.clinicianID.text, query.discharged]
            ).map { row in try Self.summary(row, window: query.adherenceWindowDays) }
            let signals = try Row.fetchAll(
                db.cachedStatement(sql: Self.openAlertSignalsSQL), arguments: [query.clinicianID.text]
            ).map { row in (try row.uuid("patient_id") as PatientID, try Self.signal(row)) }
            return Worklist.ordered(
                rows, openAlerts: Dictionary(grouping: signals, by: \.0).mapValues { $0.map(\.1) },
                policy: query.policy,
                offset: query.offset, limit: query.limit)
        }
    }

    public func reassignPatient(_ patient: PatientID, to clinician: AccountID, by actor: AuditActor) async throws
        -> Patient
    {
        try await write("reassignPatient") { db in
            switch actor.access {
            case .admin, .system: break
            case .clinician, .patient: throw StorageError(.notFound, "reassignPatient: patient")
            }
            let isClinician = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT role = 'clinician' FROM accounts WHERE id = ?"),
                arguments: [clinician.text])
            guard isClinician == true else { throw StorageError(.notFound, "reassignPatient: clinician") }
            try db.cachedStatement(sql: "UPDATE patients SET clinician_id = ? WHERE id = ?")
                .execute(arguments: [clinician.text, patient.text])
            guard db.changesCount == 1,
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "\(Self.patientSelect) WHERE p.id = ?"), arguments: [patient.text])
            else { throw StorageError(.notFound, "reassignPatient: patient") }
            try Self.audit(db, actor, .patientReassign, patient: patient)
            return try Self.patient(row)
        }
    }

    public func setLanguage(_ language: Language?, for patient: PatientID, by actor: AuditActor) async throws
        -> Patient
    {
        try await write("setLanguage") { db in
            try Visibility.require(db, patient, actor, "setLanguage")
            try db.cachedStatement(sql: "UPDATE patients SET language = ? WHERE id = ?")
                .execute(arguments: [language?.rawValue, patient.text])
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "\(Self.patientSelect) WHERE p.id = ?"), arguments: [patient.text])
            else { throw StorageError(.notFound, "setLanguage: patient") }
            return try Self.patient(row)
        }
    }

    public func caseload(by actor: AuditActor) async throws -> [CaseloadEntry] {
        switch actor.access {
        case .admin, .system: break
        case .clinician, .patient: return []
        }
        return try await read("caseload") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT p.id, p.name, p.clinician_id, c.name AS clinician_name FROM patients p
                        JOIN accounts c ON c.id = p.clinician_id ORDER BY p.name, p.id
                        """)
            ).map { row in
                CaseloadEntry(
                    patientID: try row.uuid("id"), patientName: try row.string("name"),
                    clinicianID: try row.uuid("clinician_id"), clinicianName: try row.string("clinician_name"))
            }
        }
    }

    public func clinicians() async throws -> [Account] {
        try await read("clinicians") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM accounts WHERE role = 'clinician' ORDER BY name, id")
            ).map(Self.account)
        }
    }

    public func record(of patient: PatientID, by actor: AuditActor) async throws -> PatientRecord {
        try await write("record") { db in
            let record = try Self.loadRecord(db, patient, actor, cache: self.records)
            try Self.audit(db, actor, .recordRead, patient: patient)
            return record
        }
    }

    // MARK: - Rows

    static let patientSelect = """
        SELECT p.*, a.email FROM patients p JOIN accounts a ON a.id = p.account_id
        """

    /// The list's figures; every per-patient figure is an index lookup on `(patient_id, date)`. The core orders
    /// the rows (`Worklist.ordered`).
    static let listSQL = """
        SELECT id, name, surgery_kind, surgery_side, surgery_date, discharge_json,
          (SELECT count(*) FROM alerts a WHERE a.patient_id = p.id AND a.acknowledged_at IS NULL) AS open_alerts,
          (SELECT s.pain_after FROM sessions s WHERE s.patient_id = p.id ORDER BY s.date DESC LIMIT 1)
            AS latest_pain,
          (SELECT count(DISTINCT s.date) FROM sessions s WHERE s.patient_id = p.id AND s.date > ?1
            AND s.date <= ?2) AS window_days,
          (SELECT max(s.date) FROM sessions s WHERE s.patient_id = p.id) AS last_session
        FROM patients p WHERE p.clinician_id = ?3
          AND ((p.discharge_json IS NOT NULL) = ?4 OR (?4 = 0 AND EXISTS (SELECT 1 FROM alerts a
            WHERE a.patient_id = p.id AND a.acknowledged_at IS NULL AND a.level IN ('urgent', 'emergency'))))
        """

    /// The level and rule of every open alert of a clinician's patients: what places them on the worklist.
    static let openAlertSignalsSQL = """
        SELECT a.patient_id, a.level, a.rule FROM alerts a JOIN patients p ON p.id = a.patient_id
        WHERE p.clinician_id = ? AND a.acknowledged_at IS NULL
        """

    static func surgery(_ row: Row) throws -> Surgery {
        guard let kind = SurgeryKind(rawValue: try row.string("surgery_kind")),
            let side = Side(rawValue: try row.string("surgery_side"))
        else { throw StorageError(.invalid, "patients.surgery") }
        return Surgery(kind: kind, side: side, date: try row.day("surgery_date"))
    }

    static func patient(_ row: Row) throws -> Patient {
        Patient(
            id: try row.uuid("id"), accountID: try row.uuid("account_id"), clinicianID: try row.uuid("clinician_id"),
            name: try row.string("name"), email: try row.string("email"), surgery: try surgery(row),
            confirmedPhase: row["confirmed_phase"], createdAt: try row.time("created_at"),
            discharge: try discharge(row["discharge_json"]),
            language: (row["language"] as String?).flatMap(Language.init(rawValue:)))
    }

    /// The stored end of care, if any.
    static func discharge(_ json: String?) throws(StorageError) -> Discharge? {
        try json.map { text throws(StorageError) in try StorageCoding.decode(Discharge.self, text, "discharge") }
    }

    static func summary(_ row: Row, window: Int) throws -> PatientSummary {
        let days: Int = row["window_days"] ?? 0
        let last: String? = row["last_session"]
        return PatientSummary(
            id: try row.uuid("id"), name: try row.string("name"), surgery: try surgery(row),
            openAlerts: row["open_alerts"] ?? 0, latestPain: row["latest_pain"], sessionDaysInWindow: days,
            adherencePercent: window > 0 ? days * 100 / window : 0,
            lastSessionDate: try last.map { text throws(StorageError) in try StorageCoding.date(text, "last") },
            dischargedOn: try discharge(row["discharge_json"])?.date)
    }

    /// The record document from the stored rows, oldest first; `notFound` when the actor may not see it.
    ///
    /// With a `cache`, the decoded history is taken from it when the patient's history has not changed, and
    /// kept there otherwise. Pass a cache only where the transaction has written nothing yet: what it reads is
    /// then committed history.
    static func loadRecord(_ db: Database, _ id: PatientID, _ actor: AuditActor, cache: HistoryCache? = nil) throws
        -> PatientRecord
    {
        try loadVersionedRecord(db, id, actor, cache: cache).record
    }

    /// SQLite's name for a patient's history: the newest row id of each history table (0 when it has none). The
    /// tables are append-only, so any write to them, by any connection, changes it.
    struct HistoryVersion: Equatable, Sendable {
        var sessions: Int64
        var checkIns: Int64
        var measurements: Int64
        var prescriptions: Int64
        var strikes: Int64
    }

    /// SQLite's write base: the history's four row ids with the patient row and current plan revision.
    typealias WriteBase = RehabStorageKit.WriteBase<HistoryVersion>

    /// The record cache, keyed by SQLite's write bases.
    typealias HistoryCache = RecordCache<WriteBase>

    /// A patient's history and the base it was read at.
    struct LoadedRecord {
        var history: HistoryCache.History
        var base: WriteBase

        /// The record they make.
        var record: PatientRecord { base.record(history) }
    }

    /// The history and its base, from one statement and, when the cache holds the history at the same version,
    /// nothing else. With a `cache`, a history read here is kept in it.
    static func loadVersionedRecord(_ db: Database, _ id: PatientID, _ actor: AuditActor, cache: HistoryCache?) throws
        -> LoadedRecord
    {
        let base = try writeBase(db, id, actor)
        return LoadedRecord(history: try history(db, id, at: base, cache: cache), base: base)
    }

    /// The patient's write base, from one statement; `notFound` when the actor may not see the patient.
    static func writeBase(_ db: Database, _ id: PatientID, _ actor: AuditActor) throws -> WriteBase {
        let (sql, arguments) = Visibility.clause(actor)
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT p.surgery_kind, p.surgery_side, p.surgery_date, p.confirmed_phase,
                    (SELECT max(rowid) FROM sessions WHERE patient_id = p.id),
                    (SELECT max(rowid) FROM check_ins WHERE patient_id = p.id),
                    (SELECT max(rowid) FROM measurements WHERE patient_id = p.id),
                    (SELECT max(rowid) FROM prescriptions WHERE patient_id = p.id),
                    (SELECT max(number) FROM plan_revisions WHERE patient_id = p.id),
                    (SELECT dose_signature FROM plan_revisions WHERE patient_id = p.id ORDER BY number DESC LIMIT 1),
                    (SELECT max(rowid) FROM measurement_strikes WHERE patient_id = p.id), p.discharge_json
                    FROM patients p WHERE p.id = ? AND \(sql)
                    """), arguments: [id.text] + arguments)
        guard let row else { throw StorageError(.notFound, "record: patient") }
        // Read by position: this runs on every session write, and a lookup by name compares column names.
        guard let kind = SurgeryKind(rawValue: row[0] as String? ?? ""),
            let side = Side(rawValue: row[1] as String? ?? ""),
            let day = (row[2] as String?).flatMap(CalendarDate.init(iso:))
        else { throw StorageError(.invalid, "patients.surgery") }
        let history = HistoryVersion(
            sessions: row[4] ?? 0, checkIns: row[5] ?? 0, measurements: row[6] ?? 0, prescriptions: row[7] ?? 0,
            strikes: row[10] ?? 0)
        return WriteBase(
            version: history, surgery: Surgery(kind: kind, side: side, date: day), phase: row[3],
            planNumber: row[8], planSignature: row[9], discharge: try discharge(row[11]))
    }

    /// The history at `base`: from the cache when cached at the same history version (the entry then moves on to
    /// `base`), read and decoded otherwise.
    static func history(_ db: Database, _ id: PatientID, at base: WriteBase, cache: HistoryCache?) throws
        -> HistoryCache.History
    {
        let history: HistoryCache.History
        if let cached = cache?.latest(id), cached.version.version == base.version {
            history = cached.history
            if cached.version != base { cache?.store(history, at: base, for: id) }
        } else {
            history = try loadHistory(db, id)
            cache?.store(history, at: base, for: id)
        }
        return history
    }

    /// Decodes the patient's whole history.
    static func loadHistory(_ db: Database, _ id: PatientID) throws -> HistoryCache.History {
        let sessions = try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT session_json FROM sessions WHERE patient_id = ? ORDER BY date, created_at, rowid"),
            arguments: [id.text]
        ).map { text throws(StorageError) in try StorageCoding.decode(ExerciseSession.self, text, "sessions") }
        let checkIns = try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT check_in_json FROM check_ins WHERE patient_id = ? ORDER BY date, created_at, rowid"),
            arguments: [id.text]
        ).map { text throws(StorageError) in try StorageCoding.decode(CheckIn.self, text, "check_ins") }
        let measurements = try Row.fetchAll(
            db.cachedStatement(sql: "\(measurementSelect) ORDER BY m.date, m.created_at, m.rowid"),
            arguments: [id.text]
        ).map { try measurement($0) }.filter { $0.strike == nil }.map(\.measurement)
        return HistoryCache.History(
            sessions: sessions, checkIns: checkIns, measurements: measurements,
            prescriptions: try prescriptions(db, id))
    }

    /// The patient's prescriptions, oldest first.
    static func prescriptions(_ db: Database, _ id: PatientID) throws -> [Prescription] {
        try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT prescription_json FROM prescriptions WHERE patient_id = ? ORDER BY date, created_at, rowid"
            ),
            arguments: [id.text]
        ).map { text throws(StorageError) in try StorageCoding.decode(Prescription.self, text, "prescriptions") }
    }
}
