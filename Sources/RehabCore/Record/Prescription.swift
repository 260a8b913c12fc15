/// A clinician's change to the program from a day on: an exercise set to a ladder step (a dose edit, or an
/// exercise added to the program), or taken out. An exercise swap is one removal and one addition.
///
/// The engine applies the newest prescription of each exercise whose day has come; progression then goes on
/// from the prescribed step once the patient has done it. A red flag still pauses a prescribed exercise.
public struct Prescription: Codable, Hashable, Sendable {
    /// The first day it applies.
    public var date: CalendarDate
    /// The exercise.
    public var exercise: ExerciseID
    /// The ladder step to do (1 = the easiest); nil when the exercise is removed.
    public var step: Int?
    /// True when the exercise is taken out of the program.
    public var removed: Bool?
    /// The clinician's note, shown to the patient as the reason.
    public var note: String?

    /// Makes a prescription.
    public init(date: CalendarDate, exercise: ExerciseID, step: Int? = nil, removed: Bool? = nil, note: String? = nil) {
        self.date = date
        self.exercise = exercise
        self.step = step
        self.removed = removed
        self.note = note
    }

    /// Whether it takes the exercise out.
    public var removes: Bool { removed == true }
}

extension Array where Element == Prescription {
    /// The newest prescription of each exercise on or before `date` (later entries of the same day win).
    func latest(on date: CalendarDate) -> [ExerciseID: Prescription] {
        var latest: [ExerciseID: Prescription] = [:]
        for prescription in self.enumerated().sorted(by: { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
        )
        .map(\.element) where prescription.date <= date {
            latest[prescription.exercise] = prescription
        }
        return latest
    }
}
