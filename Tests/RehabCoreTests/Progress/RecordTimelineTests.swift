import PropertyBased
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

    /// Random sessions over a fortnight, in any order, each with up to three of three exercises.
    static let sessions = zip(
        Gen.int(in: 0...14), Gen.element(of: ["quad-set", "heel-slide", "straight-leg-raise"]).array(of: 0...3)
    ).array(of: 0...30)

    /// The scans walk indices; the answers are the ones the plain element-by-element definitions give.
    @Test func indexScansAnswerAsThePlainDefinitions() async {
        await propertyCheck(input: Self.sessions, Gen.int(in: 0...15), Gen.int(in: 1...4)) { days, today, limit in
            let sessions = days.map { day, ids in
                Self.session(day: day, ids.map { (($0 as String?) ?? "quad-set", day) })
            }
            let timeline = Self.timeline(sessions, today: today)
            let sorted = sessions.sorted { $0.date < $1.date }
            let todayDate = Self.surgery.date.adding(days: today)
            #expect(timeline.record.sessions.isSortedByDate)
            #expect(sessions.isSortedByDate == zip(sessions, sessions.dropFirst()).allSatisfy { $0.date <= $1.date })
            for id: ExerciseID in ["quad-set", "heel-slide", "straight-leg-raise"] {
                let plain = sorted.reversed().filter { $0.date <= todayDate }.compactMap { session in
                    session.exercises.last { $0.id == id }.map { ($0.reps, session.date) }
                }.prefix(limit)
                let found = timeline.recentEntries(of: id, limit: limit)
                #expect(found.map(\.exercise.reps) == plain.map(\.0))
                #expect(found.map(\.session.date) == plain.map(\.1))
            }
            let start = todayDate.adding(days: -(limit - 1))
            #expect(timeline.sessionCount(inLast: limit) == sorted.count { $0.date <= todayDate && $0.date >= start })
            #expect(timeline.lastSessionDate == sorted.last { $0.date <= todayDate }?.date)
        }
    }
}
