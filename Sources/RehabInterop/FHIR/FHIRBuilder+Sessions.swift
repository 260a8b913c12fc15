import RehabCore

/// Exercise sessions as `Observation`s: a panel for the session whose members are the pain ratings before and after
/// and one observation per exercise done, with its dose, pain during and difficulty as components.
extension FHIRBuilder {
    /// Makes the observations of one session, the panel and then its members in order, and hands each to `sink` as
    /// it is made.
    func observations<Sink: FHIRResourceSink>(of stored: StoredSession, into sink: inout Sink) throws(Sink.Failure) {
        let session = stored.session
        let base = "Observation/session/\(stored.id)"
        let date = session.date.description
        let issued = FHIRTime.instant(stored.createdAt)
        // The members' ids come first: the panel, written first, lists them.
        let pains = [
            ("pain-before", session.painBefore, SessionConcepts.painBefore),
            ("pain-after", session.painAfter, SessionConcepts.painAfter),
        ].compactMap { suffix, value, concept in
            value.map { (id: FHIRIdentity.id("\(base)/\(suffix)"), value: $0, concept: concept) }
        }
        let exerciseIDs = session.exercises.indices.map { FHIRIdentity.id("\(base)/exercise/\($0)") }
        var panel = FHIRObservation(
            id: FHIRIdentity.id(base), category: .activity, code: SessionConcepts.panel, subject: subject,
            effective: date)
        panel.issued = issued
        panel.basedOn = plan(number: stored.planRevision).map { [reference("CarePlan", Self.carePlanName($0))] }
        let memberIDs = pains.map(\.id) + exerciseIDs
        panel.hasMember = memberIDs.isEmpty ? nil : memberIDs.map { style.reference("Observation", $0) }
        if let stopped = session.stoppedForPain {
            panel.component = [.init(SessionConcepts.stoppedForPain, boolean: stopped)]
        }
        if let note = stored.note, !note.isEmpty { panel.note = [FHIRAnnotation(authorReference: subject, text: note)] }
        try sink.add(panel)
        for (id, value, concept) in pains {
            var pain = FHIRObservation(id: id, category: .survey, code: concept, subject: subject, effective: date)
            pain.issued = issued
            pain.valueQuantity = Self.score(value)
            try sink.add(pain)
        }
        for (index, exercise) in session.exercises.enumerated() {
            var done = FHIRObservation(
                id: exerciseIDs[index], category: .activity, code: exerciseCode(exercise.id), subject: subject,
                effective: date)
            done.issued = issued
            let parts = components(of: exercise)
            done.component = parts.isEmpty ? nil : parts
            try sink.add(done)
        }
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
        exerciseCodes[id] ?? Self.exerciseCode(id, catalog: catalog)
    }

    /// The same, made from the catalog.
    static func exerciseCode(_ id: ExerciseID, catalog: Catalog) -> FHIRCodeableConcept {
        let name = catalog.exercise(id)?.name ?? id.rawValue
        return FHIRCodeableConcept(FHIRCoding(system: FHIRCodes.exercise, code: id.rawValue, display: name), text: name)
    }

    /// The concept of every exercise the export's sessions hold, made once for the whole export.
    static func exerciseCodes(_ export: PatientExport, catalog: Catalog) -> [ExerciseID: FHIRCodeableConcept] {
        var codes: [ExerciseID: FHIRCodeableConcept] = [:]
        for session in export.sessions {
            for exercise in session.session.exercises where codes[exercise.id] == nil {
                codes[exercise.id] = exerciseCode(exercise.id, catalog: catalog)
            }
        }
        return codes
    }

    /// What was done and how it felt, one component per recorded value.
    private func components(of exercise: PerformedExercise) -> [FHIRObservation.Component] {
        typealias Concepts = SessionConcepts
        var parts: [FHIRObservation.Component] = []
        if let sets = exercise.sets { parts.append(.init(Concepts.sets, integer: sets)) }
        if let reps = exercise.reps { parts.append(.init(Concepts.repetitions, integer: reps)) }
        if let hold = exercise.holdSeconds {
            parts.append(.init(Concepts.hold, quantity: FHIRQuantity(Double(hold), ucum: "s")))
        }
        if let minutes = exercise.durationMinutes {
            parts.append(.init(Concepts.duration, quantity: FHIRQuantity(Double(minutes), ucum: "min")))
        }
        if let height = exercise.stepHeightCm {
            parts.append(.init(Concepts.stepHeight, quantity: FHIRQuantity(Double(height), ucum: "cm")))
        }
        if let load = exercise.loadKg {
            parts.append(.init(Concepts.addedLoad, quantity: FHIRQuantity(load, ucum: "kg")))
        }
        if let step = exercise.step { parts.append(.init(Concepts.ladderStep, integer: step)) }
        if let pain = exercise.painDuring { parts.append(.init(Concepts.painDuring, quantity: Self.score(pain))) }
        if let difficulty = exercise.difficulty {
            parts.append(.init(Concepts.difficulty, concept: Concepts.felt[difficulty] ?? Concepts.answer(difficulty)))
        }
        return parts
    }
}

/// The concepts every session repeats, made (and written) once.
private enum SessionConcepts {
    static let panel = FHIRCodes.observationConcept("exercise-session", "Home exercise session")
    static let painBefore = FHIRCodes.painConcept("pain-before-session", "Pain before the session")
    static let painAfter = FHIRCodes.painConcept("pain-after-session", "Pain after the session")
    static let stoppedForPain = FHIRCodes.observationConcept("stopped-for-pain", "Stopped early because of pain")
    static let sets = FHIRCodes.observationConcept("sets", "Sets")
    static let repetitions = FHIRCodes.observationConcept("repetitions", "Repetitions per set")
    static let hold = FHIRCodes.observationConcept("hold-duration", "Hold")
    static let duration = FHIRCodes.observationConcept("duration", "Duration")
    static let stepHeight = FHIRCodes.observationConcept("step-height", "Step height")
    static let addedLoad = FHIRCodes.observationConcept("added-load", "Added weight")
    static let ladderStep = FHIRCodes.observationConcept("ladder-step", "Ladder step")
    static let painDuring = FHIRCodes.painConcept("pain-during-exercise", "Pain during the exercise")
    static let difficulty = FHIRCodes.observationConcept("difficulty", "How hard it felt")
    /// Each answer to "how hard it felt".
    static let felt = Dictionary(uniqueKeysWithValues: Difficulty.allCases.map { ($0, answer($0)) })

    static func answer(_ difficulty: Difficulty) -> FHIRCodeableConcept {
        FHIRCodeableConcept(
            FHIRCoding(system: FHIRCodes.difficulty, code: difficulty.rawValue, display: difficulty.label),
            text: difficulty.label)
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
