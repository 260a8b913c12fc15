import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore: CalendarFeedRepository {
    public func calendarFeed(of patient: PatientID, by actor: AuditActor) async throws -> StoredCalendarFeed? {
        try await transaction("calendarFeed", snapshot: true) { tx in
            try await tx.require(patient, actor, "calendarFeed")
            return try await tx.first(
                "SELECT patient_id, settings_json, token_hash FROM calendar_feeds WHERE patient_id = \(patient.rawValue)"
            ).map(Self.calendarFeed)
        }
    }

    public func saveCalendarSettings(_ settings: CalendarSettings, for patient: PatientID, by actor: AuditActor)
        async throws
    {
        let document = try StorageCoding.encode(settings, "calendar settings")
        try await transaction("saveCalendarSettings") { tx in
            try await tx.require(patient, actor, "saveCalendarSettings")
            try await tx.execute(
                """
                INSERT INTO calendar_feeds (patient_id, settings_json, updated_at)
                VALUES (\(patient.rawValue), \(document), \(actor.at))
                ON CONFLICT (patient_id) DO UPDATE SET settings_json = excluded.settings_json,
                updated_at = excluded.updated_at
                """)
        }
    }

    public func setCalendarLink(
        tokenHash: String, defaults: CalendarSettings, for patient: PatientID, by actor: AuditActor
    ) async throws {
        let document = try StorageCoding.encode(defaults, "calendar settings")
        try await transaction("setCalendarLink") { tx in
            try await tx.require(patient, actor, "setCalendarLink")
            try await tx.execute(
                """
                INSERT INTO calendar_feeds (patient_id, settings_json, token_hash, updated_at)
                VALUES (\(patient.rawValue), \(document), \(tokenHash), \(actor.at))
                ON CONFLICT (patient_id) DO UPDATE SET token_hash = excluded.token_hash,
                updated_at = excluded.updated_at
                """)
        }
    }

    public func calendarFeed(tokenHash: String) async throws -> StoredCalendarFeed? {
        try await transaction("calendarFeedByLink", snapshot: true) { tx in
            try await tx.first(
                "SELECT patient_id, settings_json, token_hash FROM calendar_feeds WHERE token_hash = \(tokenHash)"
            ).map(Self.calendarFeed)
        }
    }

    static func calendarFeed(_ row: PostgresRow) throws -> StoredCalendarFeed {
        let (patient, settings, token) = try row.decode((UUID, String, String?).self)
        return StoredCalendarFeed(
            patientID: Column.id(patient),
            settings: try Column.document(settings, as: CalendarSettings.self, "calendar_feeds"),
            hasLink: token != nil)
    }
}
