import Testing

@testable import RehabCore

/// The timeline's recent performances of an exercise, which the progression rules judge.
@Suite struct RecordTimelineTests {
    static let surgery = Surgery(
        kind: .totalKneeReplacement, side: .left,
        date: CalendarDate(year: 2026, month: 10, day: 1) ?? CalendarDate(dayNumber: 0))

    static func session(day: Int, _ done: [(String, Int)]) -> ExerciseSession {
        ExerciseSession(
            date: surgery.date.adding(days: day),
            exercises: done.map { PerformedExercise(id: ExerciseID(rawValue: $0.0), reps: $0.1) })
    }

    static func timeline(_ sessions: [ExerciseSession], today: Int) -> RecordTimeline {
        RecordTimeline(
            record: PatientRecord(surgery: surgery, sessions: sessions), today: surgery.date.adding(days: today))
    }

    @Test func newestFirstAtMostTheLimitOnePerSessionAndNothingAfterToday() {
        let sessions = [
            Self.session(day: 1, [("quad-set", 1), ("heel-slide", 1)]),
            Self.session(day: 2, [("quad-set", 2)]),
            Self.session(day: 3, [("quad-set", 3), ("quad-set", 4)]),
            Self.session(day: 4, [("quad-set", 5), ("heel-slide", 5)]),
            Self.session(day: 9, [("quad-set", 9), ("heel-slide", 9)]),
        ]
        let timeline = Self.timeline(sessions, today: 5)
        // Day 9 is after today; day 3 did quad sets twice and counts once, by its last set.
        #expect(timeline.recentEntries(of: "quad-set", limit: 3).map(\.exercise.reps) == [5, 4, 2])
        #expect(timeline.recentEntries(of: "heel-slide", limit: 3).map(\.exercise.reps) == [5, 1])
        #expect(timeline.recentEntries(of: "straight-leg-raise", limit: 3).isEmpty)
        #expect(
            timeline.recentEntries(of: "heel-slide", limit: 3).first?.session.date == Self.surgery.date.adding(days: 4))
    }
}
