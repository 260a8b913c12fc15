/// Computes the day's plan: from the protocol alone (`plan`), or from a patient's record (`review`).
///
/// One engine for every door: the command line, the web app and the nightly review call the same functions,
/// and the functions are pure, so a plan can always be recomputed and explained.
public struct PlanEngine: Sendable {
    /// The catalog the plans come from.
    public let catalog: Catalog

    /// Makes an engine over a validated catalog.
    public init(catalog: Catalog) { self.catalog = catalog }

    /// The program for a day of recovery with no history: the typical phase for the week and its starting doses.
    public func plan(for surgery: Surgery, on date: CalendarDate) throws(InvalidInput) -> Plan {
        let days = try daysSinceSurgery(surgery, date)
        let rehab = catalog.protocol(for: surgery.kind)
        let index = PhaseLocator.typicalPhase(of: rehab, week: days / 7)
        let phase = rehab.phases[index]
        let exercises = allowedExercises(of: phase, rehab: rehab, week: days / 7).map { item in
            let (exercise, rules, start) = item
            if exercise.category == .recovery { return recovery(exercise, step: start) }
            return PlannedExercise(
                exercise: exercise, step: start, change: .start, rule: "phase-start",
                reason: catalog.sentences.text("phase-start", ["phase": phase.name.lowercased()]),
                precautions: rules.precautions(inWeek: days / 7))
        }
        let empty = RecordTimeline(record: PatientRecord(surgery: surgery), today: date)
        return Plan(
            surgery: surgery, date: date, daysSinceSurgery: days, phase: phase.reference,
            exercises: withIceAdvice(exercises, recommended: false), precautions: Self.precautions(phase, exercises),
            alerts: [],
            phaseGate: PhaseLocator.gate(
                after: index, of: rehab, timeline: empty, measures: catalog.measurements),
            adherence: nil, notice: catalog.sentences.text("notice"))
    }

    /// The program for `date` given everything in the record: each exercise's change and reason, the phase and
    /// its gate, and alerts for the clinician.
    public func review(_ record: PatientRecord, on date: CalendarDate) throws(InvalidInput) -> Plan {
        let days = try daysSinceSurgery(record.surgery, date)
        let timeline = RecordTimeline(record: record, today: date)
        let rehab = catalog.protocol(for: record.surgery.kind)
        let (index, gate) = try PhaseLocator.currentPhase(
            of: rehab, timeline: timeline, confirmed: record.phase, measures: catalog.measurements)
        let phase = rehab.phases[index]
        let triage = RedFlagCheck(
            timeline: timeline, policy: catalog.triage, freshDays: Int(catalog.progression.checkInFreshDays.value))
        var alerts = triage.alerts
        let prescribed = record.prescriptions.latest(on: date)
        let items = allowedExercises(of: phase, rehab: rehab, week: days / 7, prescribed: prescribed)
        let decisions = items.map { item in
            let (exercise, rules, start) = item
            if exercise.category == .recovery { return recovery(exercise, step: start) }
            let decision = ProgressionDecision.decide(
                exercise: exercise, rules: rules, startStep: start, week: days / 7, timeline: timeline,
                settings: catalog.progression, sentences: catalog.sentences, redFlag: triage.freezesProgression)
            if let alert = decision.alert { alerts.append(alert) }
            return applying(prescribed[exercise.id], to: decision.planned, exercise, rules, days / 7, timeline)
        }
        let adherence = Adherence.lastSevenDays(
            timeline, sessionsPerWeek: phase.sessionsPerWeek, adherentPercent: catalog.progression.adherentPercent.value
        )
        if let discharge = record.discharge, date >= discharge.date {
            return maintenance(
                discharge, record: record, date: date, days: days, phase: phase, alerts: triage.alerts,
                redFlag: triage.freezesProgression)
        }
        alerts += RecordAlerts(timeline: timeline, settings: catalog.progression, days: days, gate: gate).alerts
        return Plan(
            surgery: record.surgery, date: date, daysSinceSurgery: days, phase: phase.reference,
            exercises: withIceAdvice(decisions, recommended: IceAdvice.isRecommended(timeline, catalog.progression)),
            precautions: Self.precautions(phase, decisions), alerts: alerts, phaseGate: gate, adherence: adherence,
            notice: catalog.sentences.text("notice"))
    }

    // MARK: - Pieces

    private func daysSinceSurgery(_ surgery: Surgery, _ date: CalendarDate) throws(InvalidInput) -> Int {
        let days = surgery.date.days(until: date)
        guard days >= 0 else {
            throw InvalidInput(field: "today", problem: "\(date) is before the surgery date \(surgery.date)")
        }
        return days
    }

    /// The phase's exercises that may be done this week, in session order, with their rules and starting step;
    /// the clinician's removals take exercises out and their additions put exercises in.
    private func allowedExercises(
        of phase: Phase, rehab: RehabProtocol, week: Int, prescribed: [ExerciseID: Prescription] = [:]
    ) -> [(Exercise, ExerciseRules, Int)] {
        var items: [(Exercise, ExerciseRules, Int)] = []
        let added = prescribed.values.filter { prescription in
            !prescription.removes && !phase.exercises.contains { $0.id == prescription.exercise }
        }.sorted { $0.exercise.rawValue < $1.exercise.rawValue }
        let entries = phase.exercises.map { ($0.id, $0.step) } + added.map { ($0.exercise, $0.step ?? 1) }
        for (id, step) in entries where prescribed[id]?.removes != true {
            guard let exercise = catalog.exercise(id) else { continue }
            let rules = ExerciseRules(exercise: exercise, kind: rehab.kind, limits: rehab.loadedFlexionLimits)
            let highest = rules.highestStep(inWeek: week)
            guard highest > 0 else { continue }
            items.append((exercise, rules, min(step, highest)))
        }
        // A stable sort keeps the protocol's order inside each category.
        return items.enumerated().sorted {
            ($0.element.0.category.sessionOrder, $0.offset) < ($1.element.0.category.sessionOrder, $1.offset)
        }.map(\.element)
    }

    /// The clinician's step wins until the patient has done the exercise since it was set; a pause (red flag or
    /// pain that stays high) still wins over it.
    private func applying(
        _ prescription: Prescription?, to planned: PlannedExercise, _ exercise: Exercise, _ rules: ExerciseRules,
        _ week: Int, _ timeline: RecordTimeline
    ) -> PlannedExercise {
        guard let prescription, let step = prescription.step, planned.change != .pause else { return planned }
        let doneSince = timeline.record.sessions.contains { session in
            session.date >= prescription.date && session.date <= timeline.today
                && session.exercises.contains { $0.id == exercise.id }
        }
        guard !doneSince else { return planned }
        let highest = max(1, rules.highestStep(inWeek: week))
        let note = prescription.note.map { " \($0)" } ?? ""
        return PlannedExercise(
            exercise: exercise, step: min(max(step, 1), min(highest, exercise.ladder.count)), change: .hold,
            rule: "clinician-set", reason: catalog.sentences.text("clinician-set") + note,
            precautions: rules.precautions(inWeek: week))
    }

    /// Ice and other recovery items are used as needed, never progressed.
    private func recovery(_ exercise: Exercise, step: Int) -> PlannedExercise {
        PlannedExercise(
            exercise: exercise, step: step, change: .hold, rule: "as-needed",
            reason: catalog.sentences.text("as-needed"),
            precautions: Self.recoveryPrecautions(exercise, catalog.sentences, .english))
    }

    /// A recovery item's contraindications as precautions: "Skip ice if you have: …".
    static func recoveryPrecautions(_ exercise: Exercise, _ sentences: Sentences, _ language: Language) -> [String] {
        exercise.contraindications.map {
            sentences.text("ice-skip-if", in: language, ["condition": $0.lowercasedFirst])
        }
    }

    private func withIceAdvice(_ exercises: [PlannedExercise], recommended: Bool) -> [PlannedExercise] {
        exercises.map { item in
            guard item.category == .recovery else { return item }
            var ice = item
            ice.when = Self.iceAdvice(
                minutes: item.durationMinutes, recommended: recommended, sentences: catalog.sentences, in: .english)
            return ice
        }
    }

    /// The ice advice of a plan: for today when pain rose or the knee swelled, else for when it is needed.
    static func iceAdvice(minutes: Int?, recommended: Bool, sentences: Sentences, in language: Language) -> String {
        let time = IceAdvice.time(minutes: minutes, sentences: sentences, in: language)
        return recommended
            ? IceAdvice.today(time: time, sentences: sentences, in: language)
            : IceAdvice.whenNeeded(time: time, sentences: sentences, in: language)
    }

    /// The plan's precautions: the phase's, then each exercise's (recovery items keep theirs to themselves), once
    /// each.
    static func precautions(_ phase: Phase, _ exercises: [PlannedExercise]) -> [String] {
        let texts =
            phase.precautions.map(\.text)
            + exercises.filter { $0.category != .recovery }.flatMap { $0.precautions ?? [] }
        // A handful of texts: a byte comparison is cheaper than hashing each (which normalises any non-ASCII text).
        var kept: [String] = []
        for text in texts where !kept.contains(where: { $0.utf8.elementsEqual(text.utf8) }) { kept.append(text) }
        return kept
    }
}

extension Phase {
    /// The phase as named in a plan.
    public var reference: PhaseReference { PhaseReference(id: id, name: name) }
}

extension PlannedExercise {
    /// A planned exercise at a ladder step of a catalog exercise.
    init(
        exercise: Exercise, step: Int, change: DoseChange?, rule: String?, reason: String?, precautions: [String]
    ) {
        let rung = exercise.ladder[step - 1]
        let dose = rung.dose
        self.init(
            id: exercise.id, name: exercise.name, category: exercise.category, sets: dose.sets, reps: dose.reps,
            holdSeconds: dose.holdSeconds, durationMinutes: dose.durationMinutes, stepHeightCm: dose.stepHeightCm,
            loadKg: dose.loadKg, timesPerDay: dose.timesPerDay, daysPerWeek: dose.daysPerWeek, step: step,
            steps: exercise.ladder.count, stepName: rung.name, change: change, rule: rule, reason: reason,
            when: nil, precautions: precautions.isEmpty ? nil : precautions)
    }
}

extension String {
    /// The string with its first letter in lower case, for joining into a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
