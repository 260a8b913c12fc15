import Foundation

extension RehabServices {
    /// The exercises a clinician may prescribe for a patient in `week` and the highest step of each: every
    /// catalog exercise the surgery's restrictions allow that week (recovery items such as ice excluded).
    public func prescribable(for surgery: Surgery, week: Int) -> [(exercise: Exercise, highest: Int)] {
        let rehab = catalog.protocol(for: surgery.kind)
        return catalog.exercises.values.filter { $0.category != .recovery }.compactMap { exercise in
            let rules = ExerciseRules(exercise: exercise, kind: surgery.kind, limits: rehab.loadedFlexionLimits)
            let highest = rules.highestStep(inWeek: week)
            return highest > 0 ? (exercise, highest) : nil
        }.sorted {
            ($0.exercise.category.sessionOrder, $0.exercise.name) < (
                $1.exercise.category.sessionOrder, $1.exercise.name
            )
        }
    }

    /// A clinician changes a patient's program from `today`: dose edits (a ladder step), additions, removals and
    /// the phase. Each change is checked against the catalog and the surgery's restrictions for this week, and
    /// stored with the new plan revision, its author and the note, in one transaction.
    public func changeProgram(
        _ change: ProgramChange, note: String, for patient: Patient, clinician: AccountID, today: CalendarDate,
        idempotency: IdempotencyKey? = nil, by actor: AuditActor,
        respond: @escaping @Sendable (PlanRevision) throws -> StoredResponse = { _ in
            StoredResponse(status: 201, body: Data())
        }
    ) async throws -> WriteOutcome<PlanRevision> {
        try TextInput.check(note, field: "note", multiline: true)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw InvalidInput(field: "note", problem: "is empty; say why, for the record") }
        guard note.count <= 2000 else { throw InvalidInput(field: "note", problem: "is over 2000 characters") }
        try checkChange(change, for: patient.surgery, today: today)
        let engine = self.engine
        let date = max(today, patient.surgery.date)
        var dated = change
        dated.prescriptions = change.prescriptions.map { prescription in
            var copy = prescription
            copy.date = date
            copy.note = copy.note ?? note
            return copy
        }
        return try await store.changeProgram(
            dated, for: patient.id, idempotency: idempotency, by: actor,
            draft: { record in
                PlanDraft(
                    effectiveDate: date, author: .clinician(clinician), reason: note,
                    plan: try engine.review(record, on: date))
            }, respond: respond)
    }

    private func checkChange(_ change: ProgramChange, for surgery: Surgery, today: CalendarDate) throws(InvalidInput) {
        guard !change.prescriptions.isEmpty || change.confirmPhase != nil else {
            throw InvalidInput(field: "prescriptions", problem: "is empty and no phase is named: nothing to change")
        }
        let week = max(0, surgery.date.days(until: today)) / 7
        let allowed = Dictionary(
            uniqueKeysWithValues: prescribable(for: surgery, week: week).map { ($0.exercise.id, $0.highest) })
        for (index, prescription) in change.prescriptions.enumerated() {
            let path = "prescriptions[\(index)]"
            guard catalog.exercise(prescription.exercise) != nil else {
                throw InvalidInput(field: "\(path).exercise", problem: "unknown exercise \"\(prescription.exercise)\"")
            }
            if prescription.removes { continue }
            guard let highest = allowed[prescription.exercise] else {
                throw InvalidInput(
                    field: "\(path).exercise", problem: "is not allowed in week \(week) after this surgery")
            }
            guard let step = prescription.step, (1...highest).contains(step) else {
                throw InvalidInput(field: "\(path).step", problem: "must be a step from 1 to \(highest) this week")
            }
        }
        if let phase = change.confirmPhase,
            !catalog.protocol(for: surgery.kind).phases.contains(where: { $0.id == phase })
        {
            throw InvalidInput(field: "phase", problem: "is not a phase of this protocol")
        }
    }
}
