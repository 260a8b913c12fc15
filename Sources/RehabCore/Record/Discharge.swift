/// Why an episode of care ended.
public enum DischargeReason: String, Codable, CaseIterable, Sendable {
    /// The goals of the program were met.
    case goalsMet = "goals-met"
    /// No further progress is expected from supervised care.
    case plateau
    /// The patient chose to stop.
    case patientChoice = "patient-choice"
    /// Sent on to the surgeon or another service.
    case referred
    /// Another reason, said in the note.
    case other

    /// The reason in plain words.
    public var label: String {
        switch self {
        case .goalsMet: "Goals met"
        case .plateau: "No further progress expected"
        case .patientChoice: "The patient's choice"
        case .referred: "Referred on"
        case .other: "Other"
        }
    }
}

/// One exercise of the home program a discharged patient keeps, at the ladder step they keep doing.
public struct KeptExercise: Codable, Hashable, Sendable {
    /// The exercise.
    public var id: ExerciseID
    /// The ladder step.
    public var step: Int

    /// Makes a value.
    public init(id: ExerciseID, step: Int) {
        self.id = id
        self.step = step
    }
}

/// The end of an episode of care: when, why, and the home program to keep. From its date the plan is that home
/// program, held at its doses; a red flag still pauses it and alerts the clinician.
public struct Discharge: Codable, Hashable, Sendable {
    /// The day care ended.
    public var date: CalendarDate
    /// Why.
    public var reason: DischargeReason
    /// The clinician's words, if any.
    public var note: String?
    /// The home program to keep, in session order.
    public var keep: [KeptExercise]

    /// Makes a value.
    public init(date: CalendarDate, reason: DischargeReason, note: String? = nil, keep: [KeptExercise]) {
        self.date = date
        self.reason = reason
        self.note = note
        self.keep = keep
    }

    /// The rule named on every exercise of the home program.
    public static let rule = "maintenance"

    /// The longest note accepted.
    public static let noteMaxLength = 2000
}
