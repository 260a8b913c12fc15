import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore: CalendarFeedRepository {
    public func calendarFeed(of patient: PatientID, by actor: AuditActor) async throws -> StoredCalendarFeed? {
        try await read("calendarFeed") { db in
            try Visibility.require(db, patient, actor, "calendarFeed")
            return try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM calendar_feeds WHERE patient_id = ?"), arguments: [patient.text]
            ).map(Self.calendarFeed)
        }
    }

    public func saveCalendarSettings(_ settings: CalendarSettings, for patient: PatientID, by actor: AuditActor)
        async throws
    {
        try await write("saveCalendarSettings") { db in
            try Visibility.require(db, patient, actor, "saveCalendarSettings")
            try db.cachedStatement(
                sql: """
                    INSERT INTO calendar_feeds (patient_id, settings_json, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (patient_id) DO UPDATE SET settings_json = excluded.settings_json,
                    updated_at = excluded.updated_at
                    """
            ).execute(
                arguments: [patient.text, try StorageCoding.encode(settings, "calendar settings"), actor.at.ms])
        }
    }

    public func setCalendarLink(
        tokenHash: String, defaults: CalendarSettings, for patient: PatientID, by actor: AuditActor
    ) async throws {
        try await write("setCalendarLink") { db in
            try Visibility.require(db, patient, actor, "setCalendarLink")
            try db.cachedStatement(
                sql: """
                    INSERT INTO calendar_feeds (patient_id, settings_json, token_hash, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (patient_id) DO UPDATE SET token_hash = excluded.token_hash,
                    updated_at = excluded.updated_at
                    """
            ).execute(
                arguments: [
                    patient.text, try StorageCoding.encode(defaults, "calendar settings"), tokenHash, actor.at.ms,
                ])
        }
    }

    public func calendarFeed(tokenHash: String) async throws -> StoredCalendarFeed? {
        try await read("calendarFeedByLink") { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM calendar_feeds WHERE token_hash = ?"), arguments: [tokenHash]
            ).map(Self.calendarFeed)
        }
    }

    static func calendarFeed(_ row: Row) throws -> StoredCalendarFeed {
        StoredCalendarFeed(
            patientID: try row.uuid("patient_id"),
            settings: try row.document("settings_json", as: CalendarSettings.self),
            hasLink: (row["token_hash"] as String?) != nil)
    }
}
