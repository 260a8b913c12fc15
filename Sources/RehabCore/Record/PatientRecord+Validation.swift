extension PatientRecord {
    /// Checks every number and date against what is possible, naming the first offending field.
    ///
    /// Dates may not come before surgery or after `today`; pain is 0–10; exercises must exist in the catalog;
    /// measurements must fit their kind in `measures`.
    public func validate(today: CalendarDate, knownExercises: Set<ExerciseID>, measures: MeasurementCatalog)
        throws(InvalidInput)
    {
        for (i, session) in sessions.enumerated() {
            let path = "sessions[\(i)]"
            try checkDate(session.date, path: "\(path).date", today: today)
            try Self.checkPain(session.painBefore, path: "\(path).painBefore")
            try Self.checkPain(session.painAfter, path: "\(path).painAfter")
            for (j, exercise) in session.exercises.enumerated() {
                let exercisePath = "\(path).exercises[\(j)]"
                guard knownExercises.contains(exercise.id) else {
                    throw InvalidInput(field: "\(exercisePath).id", problem: "unknown exercise \"\(exercise.id)\"")
                }
                try Self.checkPain(exercise.painDuring, path: "\(exercisePath).painDuring")
                try Self.checkDose(exercise, path: exercisePath)
            }
        }
        for (i, checkIn) in checkIns.enumerated() {
            try checkDate(checkIn.date, path: "checkIns[\(i)].date", today: today)
            try checkIn.validate(path: "checkIns[\(i)]")
        }
        for (i, prescription) in prescriptions.enumerated() {
            let path = "prescriptions[\(i)]"
            guard knownExercises.contains(prescription.exercise) else {
                throw InvalidInput(field: "\(path).exercise", problem: "unknown exercise \"\(prescription.exercise)\"")
            }
            if !prescription.removes, (prescription.step ?? 0) < 1 {
                throw InvalidInput(field: "\(path).step", problem: "must be a ladder step of 1 or more")
            }
        }
        for (i, measurement) in measurements.enumerated() {
            let path = "measurements[\(i)]"
            try checkDate(measurement.date, path: "\(path).date", today: today)
            try measures.check(measurement, path: "\(path).")
        }
    }

    private func checkDate(_ date: CalendarDate, path: String, today: CalendarDate) throws(InvalidInput) {
        if date < surgery.date {
            throw InvalidInput(field: path, problem: "\(date) is before the surgery date \(surgery.date)")
        }
        if date > today {
            throw InvalidInput(field: path, problem: "\(date) is in the future (today is \(today))")
        }
    }

    static func checkPain(_ pain: Int?, path: String) throws(InvalidInput) {
        if let pain, !(0...10).contains(pain) {
            throw InvalidInput(field: path, problem: "\(pain) is outside 0–10")
        }
    }

    private static func checkDose(_ exercise: PerformedExercise, path: String) throws(InvalidInput) {
        let fields: [(String, Int?, ClosedRange<Int>)] = [
            ("sets", exercise.sets, 0...20), ("reps", exercise.reps, 0...200),
            ("holdSeconds", exercise.holdSeconds, 0...600), ("durationMinutes", exercise.durationMinutes, 0...180),
            ("stepHeightCm", exercise.stepHeightCm, 0...60), ("step", exercise.step, 1...20),
        ]
        for (name, value, range) in fields {
            if let value, !range.contains(value) {
                throw InvalidInput(
                    field: "\(path).\(name)", problem: "\(value) is outside \(range.lowerBound)–\(range.upperBound)")
            }
        }
        if let load = exercise.loadKg, !(0...50).contains(load) || !load.isFinite {
            throw InvalidInput(field: "\(path).loadKg", problem: "\(load) is outside 0–50")
        }
    }
}
