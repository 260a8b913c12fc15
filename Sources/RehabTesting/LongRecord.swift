import RehabCore

/// A long, busy, realistic record for benchmarks and scale tests: every day for `days` days, `sessionsPerDay`
/// sessions of `exercisesPerSession` exercises, and a daily check-in.
///
/// Values vary with a fixed linear congruential sequence so runs are repeatable without randomness.
public enum LongRecord {
    /// Makes the record.
    public static func make(
        kind: SurgeryKind = .totalKneeReplacement, days: Int = 180, sessionsPerDay: Int = 2,
        exercisesPerSession: Int = 8, catalog: Catalog
    ) -> PatientRecord {
        let ids = Array(catalog.exerciseIDs.prefix(exercisesPerSession))
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let start = RecordBuilder.day0
        var record = PatientRecord(surgery: Surgery(kind: kind, side: .left, date: start))
        record.sessions.reserveCapacity(days * sessionsPerDay)
        for day in 0..<days {
            let date = start.adding(days: day)
            for _ in 0..<sessionsPerDay {
                let exercises = ids.map { id in
                    PerformedExercise(
                        id: id, sets: 3, reps: 10, holdSeconds: 5, painDuring: next(5),
                        difficulty: Difficulty.allCases[next(3)])
                }
                record.sessions.append(ExerciseSession(date: date, painAfter: next(5), exercises: exercises))
            }
            record.checkIns.append(
                CheckIn(
                    date: date, painAtRest: next(4), painMorning: next(4),
                    swelling: next(4) == 0 ? .mild : Swelling.none))
            if day % 7 == 0 {
                record.measurements.append(
                    Measurement(date: date, kind: .kneeFlexion, side: .left, value: Double(60 + day / 3)))
            }
        }
        return record
    }
}
