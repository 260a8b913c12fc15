/// When a patient plans to exercise, for the calendar feed (and reminders): the daily times in their time zone.
public struct CalendarSettings: Codable, Hashable, Sendable {
    /// The daily times, in order.
    public var slots: [DailySlot]
    /// The IANA time zone, e.g. `Europe/Madrid`.
    public var timeZone: String

    /// Makes settings.
    public init(slots: [DailySlot], timeZone: String) {
        self.slots = slots
        self.timeZone = timeZone
    }

    /// Morning and evening, the defaults until the patient chooses.
    public static func defaults(timeZone: String) -> CalendarSettings {
        CalendarSettings(slots: DailySlot.defaults, timeZone: timeZone)
    }
}

/// A patient's calendar feed settings and whether a private link exists.
public struct StoredCalendarFeed: Sendable, Equatable {
    /// The patient.
    public var patientID: PatientID
    /// The settings.
    public var settings: CalendarSettings
    /// True while a private link works.
    public var hasLink: Bool

    /// Makes a value.
    public init(patientID: PatientID, settings: CalendarSettings, hasLink: Bool) {
        self.patientID = patientID
        self.settings = settings
        self.hasLink = hasLink
    }
}
