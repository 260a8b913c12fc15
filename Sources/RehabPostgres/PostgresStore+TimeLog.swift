import Foundation
import PostgresNIO
import RehabCore

extension PostgresStore: TimeLogRepository {
    public func logTime(
        _ entry: TimeEntry, for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (StoredTimeEntry) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredTimeEntry> {
        guard case .clinician(let clinician) = actor.access else { throw StorageError(.notFound, "logTime: patient") }
        return try await idempotent("logTime", patient, idempotency, actor, respond) { tx in
            let stored = StoredTimeEntry(
                id: .generate(), patientID: patient, clinicianID: clinician, entry: entry, createdAt: actor.at)
            try await tx.execute(
                """
                INSERT INTO time_entries (id, patient_id, clinician_id, date, minutes, activity, interactive, note,
                created_at) VALUES (\(stored.id.rawValue), \(patient.rawValue), \(clinician.rawValue),
                \(entry.date.description)::date, \(entry.minutes), \(entry.activity.rawValue), \(entry.interactive),
                \(entry.note), \(actor.at))
                """)
            try await tx.audit(actor, .timeLog, patient: patient)
            return stored
        }
    }

    public func timeEntries(of patient: PatientID, by actor: AuditActor) async throws -> [StoredTimeEntry] {
        try await transaction("timeEntries", snapshot: true) { tx in
            try await tx.require(patient, actor, "timeEntries")
            return try await tx.rows(
                "\(unescaped: Self.timeSelect) WHERE t.patient_id = \(patient.rawValue) ORDER BY t.date, t.created_at, t.id"
            ).map(Self.timeEntry)
        }
    }

    public func timeEntries(clinician: AccountID, from: CalendarDate, to: CalendarDate) async throws
        -> [StoredTimeEntry]
    {
        try await transaction("timeEntriesOfClinician", snapshot: true) { tx in
            try await tx.rows(
                """
                \(unescaped: Self.timeSelect) JOIN patients p ON p.id = t.patient_id
                WHERE p.clinician_id = \(clinician.rawValue) AND t.date >= \(from.description)::date
                AND t.date <= \(to.description)::date ORDER BY t.date, t.created_at, t.id
                """
            ).map(Self.timeEntry)
        }
    }

    static let timeSelect = """
        SELECT t.id, t.patient_id, t.clinician_id, t.date::text, t.minutes, t.activity, t.interactive, t.note,
        t.created_at FROM time_entries t
        """

    static func timeEntry(_ row: PostgresRow) throws -> StoredTimeEntry {
        let (id, patient, clinician, date, minutes, activityText, interactive, note, createdAt) = try row.decode(
            (UUID, UUID, UUID?, String, Int, String, Bool, String?, Date).self)
        guard let activity = TimeActivity(rawValue: activityText) else { throw StorageError(.invalid, "time_entries") }
        return StoredTimeEntry(
            id: Column.id(id), patientID: Column.id(patient), clinicianID: clinician.map { Column.id($0) },
            entry: TimeEntry(
                date: try Column.day(date, "date"), minutes: minutes, activity: activity, interactive: interactive,
                note: note),
            createdAt: createdAt)
    }
}
