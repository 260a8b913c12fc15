/// The surgery (or, for the non-operative pathway, the start of care) a program is built around.
public struct Surgery: Codable, Hashable, Sendable {
    /// Which surgery or pathway.
    public var kind: SurgeryKind
    /// The operated or painful side.
    public var side: Side
    /// The day of surgery (day 0), or the first day of care for `medial-knee-pain`.
    public var date: CalendarDate

    /// Makes a surgery description.
    public init(kind: SurgeryKind, side: Side, date: CalendarDate) {
        self.kind = kind
        self.side = side
        self.date = date
    }
}

/// One exercise as the patient did it in a session, with how it felt.
///
/// The whole numbers are stored as 32-bit values: every logged exercise of every cached history is kept in memory
/// (see `RecordCache`), and this halves what each one takes (96 bytes instead of 152). A decoded number outside
/// their range is refused with the field's name; one set in code is clamped to it.
public struct PerformedExercise: Codable, Hashable, Sendable {
    /// Which exercise.
    public var id: ExerciseID
    /// Sets done.
    public var sets: Int? {
        get { self[\.sets] }
        set { self[\.sets] = newValue }
    }
    /// Repetitions per set.
    public var reps: Int? {
        get { self[\.reps] }
        set { self[\.reps] = newValue }
    }
    /// Seconds held.
    public var holdSeconds: Int? {
        get { self[\.holdSeconds] }
        set { self[\.holdSeconds] = newValue }
    }
    /// Minutes, for timed exercises.
    public var durationMinutes: Int? {
        get { self[\.durationMinutes] }
        set { self[\.durationMinutes] = newValue }
    }
    /// Step height used, in centimetres.
    public var stepHeightCm: Int? {
        get { self[\.stepHeightCm] }
        set { self[\.stepHeightCm] = newValue }
    }
    /// Added weight, in kilograms.
    public var loadKg: Double?
    /// The ladder step done, when the app knows it; otherwise it is recognised from the dose.
    public var step: Int? {
        get { self[\.step] }
        set { self[\.step] = newValue }
    }
    /// Pain during the exercise, 0–10.
    public var painDuring: Int? {
        get { self[\.painDuring] }
        set { self[\.painDuring] = newValue }
    }
    /// How hard it felt.
    public var difficulty: Difficulty?

    /// The whole numbers, compactly.
    private var stored = Counts()

    private struct Counts: Hashable, Sendable {
        var sets: Int32?
        var reps: Int32?
        var holdSeconds: Int32?
        var durationMinutes: Int32?
        var stepHeightCm: Int32?
        var step: Int32?
        var painDuring: Int32?
    }

    /// Makes a performed exercise.
    public init(
        id: ExerciseID, sets: Int? = nil, reps: Int? = nil, holdSeconds: Int? = nil, durationMinutes: Int? = nil,
        stepHeightCm: Int? = nil, loadKg: Double? = nil, step: Int? = nil, painDuring: Int? = nil,
        difficulty: Difficulty? = nil
    ) {
        self.id = id
        self.loadKg = loadKg
        self.difficulty = difficulty
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.durationMinutes = durationMinutes
        self.stepHeightCm = stepHeightCm
        self.step = step
        self.painDuring = painDuring
    }

    /// One of the stored whole numbers as an `Int`; one set from code is clamped to 32 bits.
    private subscript(field: WritableKeyPath<Counts, Int32?>) -> Int? {
        get { stored[keyPath: field].map(Int.init) }
        set { stored[keyPath: field] = newValue.map { Int32(clamping: $0) } }
    }

    private enum CodingKeys: String, CodingKey {
        case id, sets, reps, holdSeconds, durationMinutes, stepHeightCm, loadKg, step, painDuring, difficulty
    }

    /// Decodes the JSON form; a fraction or a whole number outside 32 bits is refused with its field's name.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> Int32? {
            // Read as a number first: the decoder reports an Int that does not fit without naming the field.
            guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { return nil }
            guard value.rounded() == value else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "should be a whole number")
            }
            guard let small = Int32(exactly: value) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "is out of range")
            }
            return small
        }
        id = try container.decode(ExerciseID.self, forKey: .id)
        loadKg = try container.decodeIfPresent(Double.self, forKey: .loadKg)
        difficulty = try container.decodeIfPresent(Difficulty.self, forKey: .difficulty)
        stored = Counts(
            sets: try count(.sets), reps: try count(.reps), holdSeconds: try count(.holdSeconds),
            durationMinutes: try count(.durationMinutes), stepHeightCm: try count(.stepHeightCm),
            step: try count(.step), painDuring: try count(.painDuring))
    }

    /// Encodes the JSON form: the same keys as always, absent values left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(sets, forKey: .sets)
        try container.encodeIfPresent(reps, forKey: .reps)
        try container.encodeIfPresent(holdSeconds, forKey: .holdSeconds)
        try container.encodeIfPresent(durationMinutes, forKey: .durationMinutes)
        try container.encodeIfPresent(stepHeightCm, forKey: .stepHeightCm)
        try container.encodeIfPresent(loadKg, forKey: .loadKg)
        try container.encodeIfPresent(step, forKey: .step)
        try container.encodeIfPresent(painDuring, forKey: .painDuring)
        try container.encodeIfPresent(difficulty, forKey: .difficulty)
    }

    /// The work done, as a dose, for matching against the ladder.
    public var dose: Dose {
        Dose(
            sets: sets, reps: reps, holdSeconds: holdSeconds, durationMinutes: durationMinutes,
            stepHeightCm: stepHeightCm, loadKg: loadKg)
    }
}

/// One exercise session as logged by the patient.
public struct ExerciseSession: Codable, Hashable, Sendable {
    /// The day of the session.
    public var date: CalendarDate
    /// Pain before starting, 0–10, when asked.
    public var painBefore: Int?
    /// Pain just after the session, 0–10.
    public var painAfter: Int?
    /// The patient stopped early because it hurt.
    public var stoppedForPain: Bool?
    /// The exercises done, in order.
    public var exercises: [PerformedExercise]

    /// Makes a session.
    public init(
        date: CalendarDate, painBefore: Int? = nil, painAfter: Int? = nil, stoppedForPain: Bool? = nil,
        exercises: [PerformedExercise]
    ) {
        self.date = date
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.stoppedForPain = stoppedForPain
        self.exercises = exercises
    }
}

/// What a measurement measures; its unit, valid range and accepted methods are in the catalog (`measurements.yaml`).
public enum MeasurementKind: String, Codable, CaseIterable, Sendable {
    /// Knee bend in degrees.
    case kneeFlexion = "knee-flexion"
    /// Missing straightening in degrees: positive is a flexion contracture, negative is hyperextension.
    case kneeExtension = "knee-extension"
    /// Seconds standing on one leg.
    case singleLegBalance = "single-leg-balance"
    /// Degrees short of full straightening when lifting the straight leg.
    case extensorLag = "extensor-lag"
    /// Quadriceps strength in any consistent unit, for the limb symmetry index.
    case quadricepsStrength = "quadriceps-strength"
    /// Hamstring strength in any consistent unit, for the limb symmetry index.
    case hamstringStrength = "hamstring-strength"
    /// Single-leg hop for distance, in centimetres.
    case hopDistance = "hop-distance"
    /// Triple hop for distance, in centimetres.
    case tripleHopDistance = "triple-hop-distance"
    /// Crossover hop for distance, in centimetres.
    case crossoverHopDistance = "crossover-hop-distance"
    /// Six-metre timed hop, in seconds: less is better.
    case timedHop = "timed-hop-6m"
}

/// One measurement of one leg on one day.
public struct Measurement: Codable, Hashable, Sendable {
    /// The day measured.
    public var date: CalendarDate
    /// What was measured.
    public var kind: MeasurementKind
    /// Which leg.
    public var side: Side
    /// The value in the kind's unit.
    public var value: Double
    /// How it was measured; nil in records that do not say, which count as the clinician's own.
    public var method: MeasurementMethod?
    /// The clinician's note, if any.
    public var note: String?

    /// Makes a measurement.
    public init(
        date: CalendarDate, kind: MeasurementKind, side: Side, value: Double, method: MeasurementMethod? = nil,
        note: String? = nil
    ) {
        self.date = date
        self.kind = kind
        self.side = side
        self.value = value
        self.method = method
        self.note = note
    }
}

/// Everything known about one patient's recovery: the document `review` reads and the API exports.
public struct PatientRecord: Codable, Hashable, Sendable {
    /// The surgery the program is built around.
    public var surgery: Surgery
    /// The phase a clinician has confirmed, when any; without it phases advance automatically through the gates.
    public var phase: String?
    /// Sessions, oldest first.
    public var sessions: [ExerciseSession]
    /// Daily check-ins, oldest first.
    public var checkIns: [CheckIn]
    /// Measurements, oldest first.
    public var measurements: [Measurement]
    /// The clinician's dose edits, additions and removals, oldest first.
    public var prescriptions: [Prescription]
    /// The end of the episode of care, when the patient has been discharged.
    public var discharge: Discharge?

    /// Makes a record.
    public init(
        surgery: Surgery, phase: String? = nil, sessions: [ExerciseSession] = [], checkIns: [CheckIn] = [],
        measurements: [Measurement] = [], prescriptions: [Prescription] = [], discharge: Discharge? = nil
    ) {
        self.surgery = surgery
        self.phase = phase
        self.sessions = sessions
        self.checkIns = checkIns
        self.measurements = measurements
        self.prescriptions = prescriptions
        self.discharge = discharge
    }

    private enum CodingKeys: String, CodingKey {
        case surgery, phase, sessions, checkIns, measurements, prescriptions, discharge
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(surgery, forKey: .surgery)
        try c.encodeIfPresent(phase, forKey: .phase)
        try c.encode(sessions, forKey: .sessions)
        try c.encode(checkIns, forKey: .checkIns)
        try c.encode(measurements, forKey: .measurements)
        if !prescriptions.isEmpty { try c.encode(prescriptions, forKey: .prescriptions) }
        try c.encodeIfPresent(discharge, forKey: .discharge)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        surgery = try c.decode(Surgery.self, forKey: .surgery)
        phase = try c.decodeIfPresent(String.self, forKey: .phase)
        sessions = try c.decodeIfPresent([ExerciseSession].self, forKey: .sessions) ?? []
        checkIns = try c.decodeIfPresent([CheckIn].self, forKey: .checkIns) ?? []
        measurements = try c.decodeIfPresent([Measurement].self, forKey: .measurements) ?? []
        prescriptions = try c.decodeIfPresent([Prescription].self, forKey: .prescriptions) ?? []
        discharge = try c.decodeIfPresent(Discharge.self, forKey: .discharge)
    }
}
