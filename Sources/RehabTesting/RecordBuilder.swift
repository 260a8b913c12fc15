import RehabCore

/// Builds patient records for tests and benchmarks in a few readable lines.
///
/// Dates are given as days after surgery so a test reads like a story: "on day 20 the squat hurt 6/10".
public struct RecordBuilder: Sendable {
    /// The record built so far.
    public private(set) var record: PatientRecord

    /// Starts a record for a surgery on `date` (default 2026-10-01).
    public init(
        _ kind: SurgeryKind, side: Side = .left, surgeryDate: CalendarDate = RecordBuilder.day0
    ) {
        record = PatientRecord(surgery: Surgery(kind: kind, side: side, date: surgeryDate))
    }

    /// 2026-10-01, the default day of surgery.
    public static let day0 = CalendarDate(year: 2026, month: 10, day: 1) ?? CalendarDate(dayNumber: 0)

    /// The calendar date `day` days after surgery.
    public func date(_ day: Int) -> CalendarDate { record.surgery.date.adding(days: day) }

    /// Adds a session on `day` with the given exercises.
    public func session(
        day: Int, painBefore: Int? = nil, painAfter: Int? = nil, stoppedForPain: Bool? = nil,
        _ exercises: [PerformedExercise]
    ) -> RecordBuilder {
        var copy = self
        copy.record.sessions.append(
            ExerciseSession(
                date: date(day), painBefore: painBefore, painAfter: painAfter, stoppedForPain: stoppedForPain,
                exercises: exercises))
        return copy
    }

    /// Adds one exercise done at a ladder step with pain and difficulty, as its own session on `day`.
    public func did(
        _ id: ExerciseID, step: Int, day: Int, pain: Int, _ difficulty: Difficulty, painAfter: Int? = nil
    ) -> RecordBuilder {
        session(
            day: day, painAfter: painAfter,
            [PerformedExercise(id: id, step: step, painDuring: pain, difficulty: difficulty)])
    }

    /// Adds a check-in on `day`.
    public func checkIn(
        day: Int, painMorning: Int? = nil, painAtRest: Int? = nil, swelling: Swelling? = nil,
        configure: (inout CheckIn) -> Void = { _ in }
    ) -> RecordBuilder {
        var copy = self
        var checkIn = CheckIn(date: date(day), painAtRest: painAtRest, painMorning: painMorning, swelling: swelling)
        configure(&checkIn)
        copy.record.checkIns.append(checkIn)
        return copy
    }

    /// Adds a measurement on `day` (on the operated side unless told otherwise).
    public func measured(
        _ kind: MeasurementKind, _ value: Double, day: Int, side: Side? = nil, method: MeasurementMethod? = nil
    ) -> RecordBuilder {
        var copy = self
        copy.record.measurements.append(
            Measurement(
                date: date(day), kind: kind, side: side ?? record.surgery.side, value: value, method: method))
        return copy
    }

    /// Adds a clinician's prescription from `day`: a step for an exercise, or its removal.
    public func prescribed(_ id: ExerciseID, step: Int? = nil, removed: Bool? = nil, day: Int, note: String? = nil)
        -> RecordBuilder
    {
        var copy = self
        copy.record.prescriptions.append(
            Prescription(date: date(day), exercise: id, step: step, removed: removed, note: note))
        return copy
    }

    /// Sets the clinician-confirmed phase.
    public func confirmedPhase(_ id: String?) -> RecordBuilder {
        var copy = self
        copy.record.phase = id
        return copy
    }
}
