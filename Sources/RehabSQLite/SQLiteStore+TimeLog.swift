import Foundation
import GRDB
import RehabCore

extension SQLiteStore: TimeLogRepository {
    public func logTime(
        _ entry: TimeEntry, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (StoredTimeEntry) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredTimeEntry> {
        try await idempotent("logTime", idempotency, actor, respond) { db in
            guard case .clinician(let clinician) = actor.access else {
                throw StorageError(.notFound, "logTime: patient")
            }
            try Visibility.require(db, patient, actor, "logTime")
            let stored = StoredTimeEntry(
                id: .generate(), patientID: patient, clinicianID: clinician, entry: entry, createdAt: actor.at)
            try db.cachedStatement(
                sql: """
                    INSERT INTO time_entries (id, patient_id, clinician_id, date, minutes, activity, interactive, note,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    stored.id.text, patient.text, clinician.text, entry.date.description, entry.minutes,
                    entry.activity.rawValue, entry.interactive, entry.note, actor.at.ms,
                ])
            try Self.audit(db, actor, .timeLog, patient: patient)
            return stored
        }
    }

    public func timeEntries(of patient: PatientID, by actor: AuditActor) async throws -> [StoredTimeEntry] {
        try await read("timeEntries") { db in
            try Visibility.require(db, patient, actor, "timeEntries")
            return try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT * FROM time_entries WHERE patient_id = ? ORDER BY date, created_at, rowid"),
                arguments: [patient.text]
            ).map(Self.timeEntry)
        }
    }

    public func timeEntries(clinician: AccountID, from: CalendarDate, to: CalendarDate) async throws
        -> [StoredTimeEntry]
    {
        try await read("timeEntriesOfClinician") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT t.* FROM time_entries t JOIN patients p ON p.id = t.patient_id
                        WHERE p.clinician_id = ? AND t.date >= ? AND t.date <= ? ORDER BY t.date, t.created_at, t.rowid
                        """),
                arguments: [clinician.text, from.description, to.description]
            ).map(Self.timeEntry)
        }
    }

    static func timeEntry(_ row: Row) throws -> StoredTimeEntry {
        guard let activity = TimeActivity(rawValue: try row.string("activity")),
            let minutes = row["minutes"] as Int?, let interactive = row["interactive"] as Bool?
        else { throw StorageError(.invalid, "time_entries") }
        return StoredTimeEntry(
            id: try row.uuid("id"), patientID: try row.uuid("patient_id"),
            clinicianID: try row.optionalUUID("clinician_id"),
            entry: TimeEntry(
                date: try row.day("date"), minutes: minutes, activity: activity, interactive: interactive,
                note: row["note"]),
            createdAt: try row.time("created_at"))
    }
}
