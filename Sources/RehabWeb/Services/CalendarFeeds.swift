import Foundation
import RehabAuth
import RehabCore
import RehabInterop

/// The patient's calendar feed: their settings (times and time zone, defaults until they choose), the iCalendar
/// text, and private links that work without signing in (a long random token; the store keeps its hash, and a new
/// link revokes the old).
struct CalendarFeeds: Sendable {
    let services: RehabServices
    let configuration: WebConfiguration

    /// The patient's settings, or the defaults in the clinic's time zone.
    func settings(of patient: Patient, by actor: AuditActor) async throws -> (CalendarSettings, hasLink: Bool) {
        if let stored = try await services.store.calendarFeed(of: patient.id, by: actor) {
            return (stored.settings, stored.hasLink)
        }
        return (CalendarSettings.defaults(timeZone: configuration.timeZone.identifier), false)
    }

    /// Checks and saves settings, naming the field of a bad one.
    func save(_ settings: CalendarSettings, for patient: Patient, by actor: AuditActor) async throws {
        try DailySlot.validate(settings.slots, field: "slots")
        guard !settings.slots.isEmpty else { throw InvalidInput(field: "slots", problem: "needs at least one time") }
        guard TimeZone(identifier: settings.timeZone) != nil else {
            throw InvalidInput(field: "timeZone", problem: "is not a known time zone")
        }
        var sorted = settings
        sorted.slots.sort()
        try await services.store.saveCalendarSettings(sorted, for: patient.id, by: actor)
    }

    /// Makes a new private link (revoking the old) and returns its path.
    func newLink(for patient: Patient, by actor: AuditActor) async throws -> String {
        let token = TokenHash.random(bytes: 32)
        try await services.store.setCalendarLink(
            tokenHash: TokenHash.sha256(token),
            defaults: CalendarSettings.defaults(timeZone: configuration.timeZone.identifier), for: patient.id,
            by: actor)
        return "/calendar/\(token).ics"
    }

    /// The iCalendar text of a patient's planned sessions from today, in their time zone.
    func ics(patientID: PatientID, settings: CalendarSettings) -> String {
        CalendarFeed.ics(
            patientID: patientID, slots: settings.slots,
            timeZone: TimeZone(identifier: settings.timeZone) ?? configuration.timeZone,
            startDate: configuration.today, endDate: nil, generatedAt: configuration.now(),
            calendarName: "Knee exercises")
    }
}
