import Foundation

/// What a clinician's logged minutes were spent on.
public enum TimeActivity: String, Codable, CaseIterable, Sendable {
    /// Reviewing the patient's data.
    case dataReview = "data-review"
    /// A phone call with the patient.
    case call
    /// A video visit with the patient.
    case videoVisit = "video-visit"
    /// Messages with the patient.
    case message
    /// Changing the care plan.
    case carePlan = "care-plan"
    /// Anything else, said in the note.
    case other

    /// The activity in words.
    public var label: String {
        switch self {
        case .dataReview: "Reviewing data"
        case .call: "Phone call"
        case .videoVisit: "Video visit"
        case .message: "Messages"
        case .carePlan: "Care plan"
        case .other: "Other"
        }
    }
}

/// One entry of the RTM time log: a day, minutes, what they were spent on, and whether it was a real-time
/// exchange with the patient (which the management codes need, docs/clinical-sources.md §8.2).
public struct TimeEntry: Codable, Hashable, Sendable {
    /// The day the time was spent.
    public var date: CalendarDate
    /// Whole minutes, 1 to `maximumMinutes`.
    public var minutes: Int
    /// What they were spent on.
    public var activity: TimeActivity
    /// True for a real-time exchange with the patient (a call or a video visit, say).
    public var interactive: Bool
    /// The clinician's note, if any.
    public var note: String?

    /// Makes an entry.
    public init(date: CalendarDate, minutes: Int, activity: TimeActivity, interactive: Bool, note: String? = nil) {
        self.date = date
        self.minutes = minutes
        self.activity = activity
        self.interactive = interactive
        self.note = note
    }

    /// The most minutes one entry may hold.
    public static let maximumMinutes = 480
    /// The longest note.
    public static let noteMaxLength = 500

    /// Checks the entry: minutes in range, a date not in the future nor more than a year back, a plain-text note.
    public func check(today: CalendarDate) throws(InvalidInput) {
        guard (1...Self.maximumMinutes).contains(minutes) else {
            throw InvalidInput(field: "minutes", problem: "must be a whole number from 1 to \(Self.maximumMinutes)")
        }
        if date > today { throw InvalidInput(field: "date", problem: "\(date) is in the future (today is \(today))") }
        if date < today.adding(days: -366) { throw InvalidInput(field: "date", problem: "is more than a year ago") }
        if let note {
            try TextInput.check(note, field: "note", multiline: true)
            guard note.count <= Self.noteMaxLength else {
                throw InvalidInput(field: "note", problem: "must be at most \(Self.noteMaxLength) characters")
            }
        }
    }
}

/// A stored time-log entry.
public struct StoredTimeEntry: Sendable, Equatable {
    /// The id.
    public var id: TimeEntryID
    /// The patient.
    public var patientID: PatientID
    /// The clinician who logged it.
    public var clinicianID: AccountID?
    /// The entry.
    public var entry: TimeEntry
    /// When it was stored.
    public var createdAt: Date

    /// Makes a value.
    public init(id: TimeEntryID, patientID: PatientID, clinicianID: AccountID?, entry: TimeEntry, createdAt: Date) {
        self.id = id
        self.patientID = patientID
        self.clinicianID = clinicianID
        self.entry = entry
        self.createdAt = createdAt
    }
}
