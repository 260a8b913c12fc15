import RehabCore

/// Plan revisions as `CarePlan`s: one per revision, each replacing the one before.
extension FHIRBuilder {
    /// The name a revision's `CarePlan` id is derived from.
    static func carePlanName(_ revision: PlanRevision) -> String { "CarePlan/plan-revision/\(revision.id)" }

    /// Every revision as a `CarePlan`, oldest first: the newest is active, the ones it replaced are revoked.
    func carePlans() -> [FHIRCarePlan] {
        let byNumber = Dictionary(export.revisions.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let newest = export.revisions.map(\.number).max()
        let next = Dictionary(
            export.revisions.compactMap { revision in revision.previous.map { ($0, revision) } },
            uniquingKeysWith: { first, _ in first })
        return export.revisions.map { revision in
            let previous = revision.previous.flatMap { byNumber[$0] }
            let replacedBy = next[revision.number]
            return carePlan(
                revision, active: revision.number == newest, previous: previous,
                end: replacedBy.map(\.effectiveDate).flatMap { $0 >= revision.effectiveDate ? $0 : nil })
        }
    }

    private func carePlan(_ revision: PlanRevision, active: Bool, previous: PlanRevision?, end: CalendarDate?)
        -> FHIRCarePlan
    {
        let plan = revision.plan
        let activities = plan.exercises.map { activity($0, planActive: active) }
        return FHIRCarePlan(
            id: FHIRIdentity.id(Self.carePlanName(revision)),
            replaces: previous.map { [reference("CarePlan", Self.carePlanName($0))] },
            status: active ? "active" : "revoked", intent: "plan",
            title: "Home exercise program, version \(revision.number)",
            description: "Phase: \(plan.phase.name). \(dayText(plan.daysSinceSurgery)).",
            subject: subject,
            period: FHIRPeriod(start: revision.effectiveDate.description, end: end?.description),
            created: FHIRTime.instant(revision.createdAt), author: revision.author.clinicianID.map(clinician),
            addresses: isCondition ? [indicationReference] : nil,
            supportingInfo: isCondition ? nil : [indicationReference],
            activity: activities.isEmpty ? nil : activities, note: notes(revision))
    }

    /// Which day of recovery the plan was made for, e.g. "Day 24 after total knee replacement".
    private func dayText(_ days: Int) -> String {
        isCondition ? "Day \(days) of care" : "Day \(days) after \(surgery.kind.plainName)"
    }

    /// One exercise with its dose in words; a paused exercise is on hold, those of a replaced plan stopped.
    private func activity(_ exercise: PlannedExercise, planActive: Bool) -> FHIRCarePlan.Activity {
        let status = !planActive ? "stopped" : exercise.change == .pause ? "on-hold" : "in-progress"
        var dose = exercise.dose.plainText
        if let when = exercise.when { dose += dose.isEmpty ? when : " (\(when))" }
        let description = dose.isEmpty ? exercise.stepName : "\(exercise.stepName); dose: \(dose)"
        let progress = exercise.reason.map { reason in
            [FHIRAnnotation(text: exercise.change.map { "\($0.rawValue): \(reason)" } ?? reason)]
        }
        return FHIRCarePlan.Activity(
            progress: progress,
            detail: FHIRCarePlan.Detail(
                code: FHIRCodeableConcept(
                    FHIRCoding(system: FHIRCodes.exercise, code: exercise.id.rawValue, display: exercise.name),
                    text: exercise.name),
                status: status, description: description))
    }

    /// Who changed the plan and why, then the phase's precautions and, for a discharge, why care ended.
    private func notes(_ revision: PlanRevision) -> [FHIRAnnotation] {
        let time = FHIRTime.instant(revision.createdAt)
        var change = FHIRAnnotation(time: time, text: revision.reason.isEmpty ? "Plan revised" : revision.reason)
        switch revision.author {
        case .clinician(let id): change.authorReference = clinician(id)
        case .rule(let name): change.authorString = "KneeRehab rule \(name)"
        }
        var notes = [change]
        if !revision.plan.precautions.isEmpty {
            notes.append(
                FHIRAnnotation(time: time, text: "Precautions: " + revision.plan.precautions.joined(separator: " ")))
        }
        if let discharge = revision.plan.discharge {
            var text = "Discharged on \(discharge.date): \(discharge.reason.label)."
            if let note = discharge.note, !note.isEmpty { text += " \(note)" }
            notes.append(FHIRAnnotation(time: time, text: text))
        }
        return notes
    }
}
