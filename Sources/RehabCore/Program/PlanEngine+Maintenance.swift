extension PlanEngine {
    /// The plan of a discharged patient: the home program they keep, each exercise held at its kept step with the
    /// rule `maintenance` and a sentence saying so. A red flag on the latest check-in still pauses every exercise
    /// and its alert still reaches the clinician; nothing progresses, and no gate or missed-session alert is raised.
    func maintenance(
        _ discharge: Discharge, record: PatientRecord, date: CalendarDate, days: Int, phase: Phase,
        alerts: [PlanAlert], redFlag: Bool
    ) -> Plan {
        let rehab = catalog.protocol(for: record.surgery.kind)
        let pause = ProgressionRules.ordered[0]
        let kept = discharge.keep.compactMap { item -> (Exercise, Int)? in
            guard let exercise = catalog.exercise(item.id) else { return nil }
            return (exercise, min(max(item.step, 1), exercise.ladder.count))
        }.enumerated().sorted {
            ($0.element.0.category.sessionOrder, $0.offset) < ($1.element.0.category.sessionOrder, $1.offset)
        }.map(\.element)
        let exercises = kept.map { exercise, step in
            let rules = ExerciseRules(exercise: exercise, kind: rehab.kind, limits: rehab.loadedFlexionLimits)
            return PlannedExercise(
                exercise: exercise, step: step, change: redFlag ? .pause : .hold,
                rule: redFlag ? pause.id : Discharge.rule,
                reason: redFlag
                    ? pause.reason(catalog.progression, sentences: catalog.sentences)
                    : catalog.sentences.text(Discharge.rule, ["date": "\(discharge.date)"]),
                precautions: rules.precautions(inWeek: days / 7))
        }
        var plan = Plan(
            surgery: record.surgery, date: date, daysSinceSurgery: days, phase: phase.reference,
            exercises: exercises, precautions: exercises.flatMap { $0.precautions ?? [] }, alerts: alerts,
            phaseGate: PhaseGateStatus(next: nil, earliestDate: nil, met: [], unmet: [], ready: false),
            adherence: nil, notice: catalog.sentences.text("notice"))
        plan.discharge = discharge
        return plan
    }
}
