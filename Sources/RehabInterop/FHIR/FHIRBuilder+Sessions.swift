import RehabCore

/// Exercise sessions as `Observation`s: a panel for the session whose members are the pain ratings before and after
/// and one observation per exercise done, with its dose, pain during and difficulty as components.
extension FHIRBuilder {
    /// The observations of one session, panel first.
    func observations(of stored: StoredSession) -> [FHIRObservation] {
        let session = stored.session
        let base = "Observation/session/\(stored.id)"
        let date = session.date.description
        let issued = FHIRTime.instant(stored.createdAt)
        var members: [FHIRObservation] = []
        for (suffix, value, words) in [
            ("pain-before", session.painBefore, "Pain before the session"),
            ("pain-after", session.painAfter, "Pain after the session"),
        ] {
            guard let value else { continue }
            var pain = FHIRObservation(
                id: FHIRIdentity.id("\(base)/\(suffix)"), category: "survey",
                code: FHIRCodeableConcept(
                    [FHIRCodes.painScore, FHIRCodes.observation("\(suffix)-session", words)], text: words),
                subject: subject, effective: date)
            pain.issued = issued
            pain.valueQuantity = Self.score(value)
            members.append(pain)
        }
        for (index, exercise) in session.exercises.enumerated() {
            var done = FHIRObservation(
                id: FHIRIdentity.id("\(base)/exercise/\(index)"), category: "activity",
                code: exerciseCode(exercise.id), subject: subject, effective: date)
            done.issued = issued
            let parts = components(of: exercise)
            done.component = parts.isEmpty ? nil : parts
            members.append(done)
        }
        var panel = FHIRObservation(
            id: FHIRIdentity.id(base), category: "activity",
            code: FHIRCodeableConcept(
                FHIRCodes.observation("exercise-session", "Home exercise session"), text: "Home exercise session"),
            subject: subject, effective: date)
        panel.issued = issued
        panel.basedOn = plan(number: stored.planRevision).map { [reference("CarePlan", Self.carePlanName($0))] }
        panel.hasMember = members.isEmpty ? nil : members.map { style.reference("Observation", $0.id) }
        if let stopped = session.stoppedForPain {
            panel.component = [
                .init(
                    FHIRCodeableConcept(
                        FHIRCodes.observation("stopped-for-pain", "Stopped early because of pain"),
                        text: "Stopped early because of pain"), boolean: stopped)
            ]
        }
        if let note = stored.note, !note.isEmpty { panel.note = [FHIRAnnotation(authorReference: subject, text: note)] }
        return [panel] + members
    }

    /// A pain rating 0–10 as a UCUM `{score}` quantity.
    static func score(_ value: Int) -> FHIRQuantity { FHIRQuantity(Double(value), ucum: "{score}") }

    /// The stored plan revision with this number, when the export holds it.
    func plan(number: Int?) -> PlanRevision? {
        guard let number else { return nil }
        return export.revisions.first { $0.number == number }
    }

    /// An exercise as a code of KneeRehab's exercise system, named as in the catalog.
    func exerciseCode(_ id: ExerciseID) -> FHIRCodeableConcept {
        let name = catalog.exercise(id)?.name ?? id.rawValue
        return FHIRCodeableConcept(
            FHIRCoding(system: FHIRCodes.exercise, code: id.rawValue, display: name), text: name)
    }

    /// What was done and how it felt, one component per recorded value.
    private func components(of exercise: PerformedExercise) -> [FHIRObservation.Component] {
        func code(_ code: String, _ words: String) -> FHIRCodeableConcept {
            FHIRCodeableConcept(FHIRCodes.observation(code, words), text: words)
        }
        var parts: [FHIRObservation.Component] = []
        if let sets = exercise.sets { parts.append(.init(code("sets", "Sets"), integer: sets)) }
        if let reps = exercise.reps { parts.append(.init(code("repetitions", "Repetitions per set"), integer: reps)) }
        if let hold = exercise.holdSeconds {
            parts.append(.init(code("hold-duration", "Hold"), quantity: FHIRQuantity(Double(hold), ucum: "s")))
        }
        if let minutes = exercise.durationMinutes {
            parts.append(.init(code("duration", "Duration"), quantity: FHIRQuantity(Double(minutes), ucum: "min")))
        }
        if let height = exercise.stepHeightCm {
            parts.append(.init(code("step-height", "Step height"), quantity: FHIRQuantity(Double(height), ucum: "cm")))
        }
        if let load = exercise.loadKg {
            parts.append(.init(code("added-load", "Added weight"), quantity: FHIRQuantity(load, ucum: "kg")))
        }
        if let step = exercise.step { parts.append(.init(code("ladder-step", "Ladder step"), integer: step)) }
        if let pain = exercise.painDuring {
            let words = "Pain during the exercise"
            parts.append(
                .init(
                    FHIRCodeableConcept(
                        [FHIRCodes.painScore, FHIRCodes.observation("pain-during-exercise", words)], text: words),
                    quantity: Self.score(pain)))
        }
        if let difficulty = exercise.difficulty {
            let felt = FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.difficulty, code: difficulty.rawValue, display: difficulty.label),
                text: difficulty.label)
            parts.append(.init(code("difficulty", "How hard it felt"), concept: felt))
        }
        return parts
    }
}

extension Difficulty {
    /// The answer in words.
    var label: String {
        switch self {
        case .easy: "Too easy"
        case .right: "About right"
        case .hard: "Too hard"
        }
    }
}
