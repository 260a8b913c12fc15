/// How much of an exercise to do: only the fields that apply to it are set.
public struct Dose: Codable, Hashable, Sendable {
    /// Number of sets.
    public var sets: Int?
    /// Repetitions per set.
    public var reps: Int?
    /// Seconds to hold each repetition (or each stretch or balance).
    public var holdSeconds: Int?
    /// Minutes, for warm-ups and ice.
    public var durationMinutes: Int?
    /// Height of the step in centimetres, for step-ups.
    public var stepHeightCm: Int?
    /// Added weight in kilograms (ankle weight), when any.
    public var loadKg: Double?
    /// Sessions of this exercise per day.
    public var timesPerDay: Int?
    /// Days per week the exercise is done.
    public var daysPerWeek: Int?

    /// Makes a dose; unset fields do not apply.
    public init(
        sets: Int? = nil, reps: Int? = nil, holdSeconds: Int? = nil, durationMinutes: Int? = nil,
        stepHeightCm: Int? = nil, loadKg: Double? = nil, timesPerDay: Int? = nil, daysPerWeek: Int? = nil
    ) {
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.durationMinutes = durationMinutes
        self.stepHeightCm = stepHeightCm
        self.loadKg = loadKg
        self.timesPerDay = timesPerDay
        self.daysPerWeek = daysPerWeek
    }

    /// True when no field is set, which the catalog refuses.
    public var isEmpty: Bool {
        sets == nil && reps == nil && holdSeconds == nil && durationMinutes == nil && stepHeightCm == nil
            && loadKg == nil && timesPerDay == nil && daysPerWeek == nil
    }

    /// The fields a patient performs (not how often), used to recognise which ladder step a logged set was.
    public func sameWork(as other: Dose) -> Bool {
        sets == other.sets && reps == other.reps && holdSeconds == other.holdSeconds
            && durationMinutes == other.durationMinutes && stepHeightCm == other.stepHeightCm
            && loadKg == other.loadKg
    }

    /// Each set field with its name and the range the catalog allows, for validation.
    var checkedFields: [(name: String, value: Double?, range: ClosedRange<Double>)] {
        [
            ("sets", sets.map(Double.init), 1...10),
            ("reps", reps.map(Double.init), 1...100),
            ("holdSeconds", holdSeconds.map(Double.init), 1...300),
            ("durationMinutes", durationMinutes.map(Double.init), 1...60),
            ("stepHeightCm", stepHeightCm.map(Double.init), 5...40),
            ("loadKg", loadKg, 0.25...20),
            ("timesPerDay", timesPerDay.map(Double.init), 1...6),
            ("daysPerWeek", daysPerWeek.map(Double.init), 1...7),
        ]
    }
}
