/// Applies the progression rules to one exercise and turns the chosen rule into a step, a change and a reason.
///
/// The step moves at most one rung from the last one done, never past what the week's restrictions allow.
public struct ProgressionDecision: Sendable {
    /// The exercise as it goes into the plan.
    public var planned: PlannedExercise
    /// An alert for the clinician, when the rule asks for one.
    public var alert: PlanAlert?

    static func decide(
        exercise: Exercise, rules: ExerciseRules, startStep: Int, week: Int, timeline: RecordTimeline,
        settings: ProgressionSettings, sentences: Sentences, redFlag: Bool
    ) -> ProgressionDecision {
        let precautions = rules.precautions(inWeek: week)
        let highest = rules.highestStep(inWeek: week)
        let (evidence, last) = ExerciseEvidence.gather(
            for: exercise.id, in: timeline, settings: settings, redFlag: redFlag)
        guard let last else {
            let rule = redFlag ? ProgressionRules.ordered[0] : nil
            return ProgressionDecision(
                planned: PlannedExercise(
                    exercise: exercise, step: startStep, change: rule?.change ?? .start, rule: rule?.id ?? "first-time",
                    reason: rule?.reason(settings, sentences: sentences) ?? sentences.text("first-time"),
                    precautions: precautions),
                alert: nil)
        }
        let current = exercise.ladderStep(of: last.exercise)
        let rule = ProgressionRules.decide(evidence, settings: settings)
        let (step, change, ruleID, reason) = Self.apply(
            rule, current: current, highest: highest, settings: settings, sentences: sentences)
        let alert =
            rule.alertsClinician
            ? PlanAlert(
                level: .contactClinician, rule: rule.id, message: Self.alertText(rule, exercise),
                exercise: exercise.id)
            : nil
        return ProgressionDecision(
            planned: PlannedExercise(
                exercise: exercise, step: step, change: change, rule: ruleID, reason: reason, precautions: precautions),
            alert: alert)
    }

    /// The rule's change applied to the current step within the allowed range.
    static func apply(
        _ rule: ProgressionRule, current: Int, highest: Int, settings: ProgressionSettings,
        sentences: Sentences = .bundled
    ) -> (Int, DoseChange, String, String) {
        func said(_ id: String) -> String { sentences.text(id) }
        if current > highest {
            return (max(1, current - 1), .regress, "limit-this-week", said("limit-this-week"))
        }
        switch rule.change {
        case .progress where current >= highest:
            return (current, .hold, "highest-step-for-now", said("highest-step-for-now"))
        case .progress:
            return (current + 1, .progress, rule.id, rule.reason(settings, sentences: sentences))
        case .regress where current <= 1:
            return (1, .hold, "lowest-step", said("lowest-step"))
        case .regress:
            return (current - 1, .regress, rule.id, rule.reason(settings, sentences: sentences))
        case .hold, .pause, .start:
            return (current, rule.change, rule.id, rule.reason(settings, sentences: sentences))
        }
    }

    private static func alertText(_ rule: ProgressionRule, _ exercise: Exercise) -> String {
        "\(exercise.name) was paused by rule \(rule.id): pain above the acceptable level in consecutive sessions."
    }
}
