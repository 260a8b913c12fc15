extension Plan {
    /// The plan in `language`, rendered again from what it stores: exercise and phase ids, ladder steps, and the
    /// id of the rule behind each change. The decisions are the same; only the words differ.
    ///
    /// A stored plan keeps English words and rule ids, so any stored plan can be shown in any language without
    /// translating English back. Texts the program did not compose (a clinician's note) stay as written, and
    /// so does a reason whose rule this catalog does not know. Alerts and the phase gate are for clinicians and
    /// stay in English.
    public func translated(to language: Language, using catalog: Catalog) -> Plan {
        guard language != .english else { return self }
        let words = catalog.translated(to: language)
        let rehab = words.protocol(for: surgery.kind)
        let phaseWords = rehab.phases.first { $0.id == phase.id }
        var plan = self
        if let phaseWords { plan.phase.name = phaseWords.name }
        let renderer = PlanTranslation(
            plan: self, catalog: words, english: catalog.sentences, language: language,
            limits: rehab.loadedFlexionLimits)
        plan.exercises = exercises.map(renderer.exercise)
        if let discharge, date >= discharge.date {
            plan.precautions = plan.exercises.flatMap { $0.precautions ?? [] }
        } else if let phaseWords {
            plan.precautions = PlanEngine.precautions(phaseWords, plan.exercises)
        }
        plan.notice = words.sentences.text("notice", in: language)
        return plan
    }
}

/// Renders one plan's exercises again in another language from their ids and rule ids.
struct PlanTranslation {
    let plan: Plan
    /// The catalog in the target language.
    let catalog: Catalog
    /// The sentences, for recognising the English of a stored reason's fixed part.
    let english: Sentences
    let language: Language
    let limits: [LoadedFlexionLimit]

    func exercise(_ item: PlannedExercise) -> PlannedExercise {
        guard let exercise = catalog.exercise(item.id) else { return item }
        var item = item
        let english = item
        item.name = exercise.name
        if exercise.ladder.indices.contains(item.step - 1) { item.stepName = exercise.ladder[item.step - 1].name }
        item.reason = reason(english)
        if english.precautions != nil {
            let texts =
                item.category == .recovery
                ? PlanEngine.recoveryPrecautions(exercise, catalog.sentences, language)
                : ExerciseRules(exercise: exercise, kind: plan.surgery.kind, limits: limits)
                    .precautions(inWeek: plan.daysSinceSurgery / 7)
            item.precautions = texts.isEmpty ? nil : texts
        }
        if let when = english.when {
            let today = PlanEngine.iceAdvice(
                minutes: item.durationMinutes, recommended: true, sentences: self.english, in: .english)
            item.when = PlanEngine.iceAdvice(
                minutes: item.durationMinutes, recommended: when == today, sentences: catalog.sentences,
                in: language)
        }
        return item
    }

    /// The reason of a stored exercise, rendered from its rule id.
    private func reason(_ item: PlannedExercise) -> String? {
        guard let rule = item.rule, let stored = item.reason else { return item.reason }
        let sentences = catalog.sentences
        if let progression = ProgressionRules.ordered.first(where: { $0.id == rule }) {
            return progression.reason(catalog.progression, sentences: sentences, in: language)
        }
        switch rule {
        case "first-time", "limit-this-week", "highest-step-for-now", "lowest-step", "as-needed":
            return sentences.text(rule, in: language)
        case "phase-start":
            let phase = catalog.protocol(for: plan.surgery.kind).phases.first { $0.id == plan.phase.id }
            return sentences.text(rule, in: language, ["phase": (phase?.name ?? plan.phase.name).lowercased()])
        case "clinician-set":
            // The clinician's own note follows the fixed sentence and stays as written.
            let fixed = english.text(rule)
            let note = stored.hasPrefix(fixed) ? String(stored.dropFirst(fixed.count)) : ""
            return sentences.text(rule, in: language) + note
        case Discharge.rule:
            guard let date = plan.discharge?.date else { return stored }
            return sentences.text(rule, in: language, ["date": "\(date)"])
        default:
            return stored
        }
    }
}
