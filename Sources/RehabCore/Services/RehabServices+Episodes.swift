import Foundation

extension RehabServices {
    /// Ends a patient's episode of care: from `discharge.date` the plan is the home program to keep, held at its
    /// doses (`PlanEngine` maintenance), and the worklist shows the patient only behind its discharged filter
    /// (unless a red flag is open). Stored as a plan revision with the clinician as author, in one transaction.
    ///
    /// The home program's exercises must be in the catalog at a step of their ladder; the date may not be before
    /// the surgery or after today.
    public func discharge(
        _ discharge: Discharge, for patient: Patient, clinician: AccountID, today: CalendarDate,
        idempotency: IdempotencyKey? = nil, by actor: AuditActor,
        respond: @escaping @Sendable (PlanRevision) throws -> StoredResponse = { _ in
            StoredResponse(status: 201, body: Data())
        }
    ) async throws -> WriteOutcome<PlanRevision> {
        guard patient.discharge == nil else {
            throw InvalidInput(field: "date", problem: "the patient is already discharged")
        }
        try Self.checkDay(discharge.date, field: "date", surgery: patient.surgery, today: today)
        let note = try Self.checkedNote(discharge.note, field: "note", required: discharge.reason == .other)
        for (index, kept) in discharge.keep.enumerated() {
            guard let exercise = catalog.exercise(kept.id), exercise.category != .recovery else {
                throw InvalidInput(field: "keep[\(index)].id", problem: "is not an exercise of the catalog")
            }
            guard (1...exercise.ladder.count).contains(kept.step) else {
                throw InvalidInput(
                    field: "keep[\(index)].step", problem: "must be a step from 1 to \(exercise.ladder.count)")
            }
        }
        var stored = discharge
        stored.note = note
        let reason = "Discharged: \(discharge.reason.label)." + (note.map { " \($0)" } ?? "")
        return try await revise(
            ProgramChange(episode: .discharge(stored)), reason: reason, on: discharge.date, clinician: clinician,
            patient: patient, today: today, idempotency: idempotency, by: actor, respond: respond)
    }

    /// The home program a clinician would most likely keep: today's exercises at today's steps, recovery and
    /// paused items left out.
    public func suggestedHomeProgram(for patient: Patient, today: CalendarDate, by actor: AuditActor) async throws
        -> [KeptExercise]
    {
        let plan = try await plan(for: patient, on: today, by: actor)
        return plan.exercises.filter { $0.category != .recovery && $0.change != .pause }.map {
            KeptExercise(id: $0.id, step: $0.step)
        }
    }

    /// Reopens a discharged patient's care where it stopped; the program is reviewed again from today.
    public func reopen(
        note: String, for patient: Patient, clinician: AccountID, today: CalendarDate, by actor: AuditActor
    ) async throws -> WriteOutcome<PlanRevision> {
        guard patient.discharge != nil else { throw InvalidInput(field: "note", problem: "the patient is in care") }
        let note = try Self.checkedNote(note, field: "note", required: true) ?? ""
        return try await revise(
            ProgramChange(episode: .reopen), reason: "Care reopened. \(note)", on: today, clinician: clinician,
            patient: patient, today: today, idempotency: nil, by: actor,
            respond: { _ in StoredResponse(status: 201, body: Data()) })
    }

    /// Corrects the surgery's kind, side or date as a plan revision with the clinician's reason; the program is
    /// reviewed against the corrected surgery. A new kind clears the confirmed phase.
    public func correctSurgery(
        _ surgery: Surgery, note: String, for patient: Patient, clinician: AccountID, today: CalendarDate,
        idempotency: IdempotencyKey? = nil, by actor: AuditActor,
        respond: @escaping @Sendable (PlanRevision) throws -> StoredResponse = { _ in
            StoredResponse(status: 201, body: Data())
        }
    ) async throws -> WriteOutcome<PlanRevision> {
        guard surgery != patient.surgery else {
            throw InvalidInput(field: "surgery", problem: "is the same as the stored surgery: nothing to correct")
        }
        let note = try Self.checkedNote(note, field: "note", required: true) ?? ""
        let before = patient.surgery
        var changed: [String] = []
        if surgery.kind != before.kind { changed.append("kind \(before.kind.rawValue) → \(surgery.kind.rawValue)") }
        if surgery.side != before.side { changed.append("side \(before.side.rawValue) → \(surgery.side.rawValue)") }
        if surgery.date != before.date { changed.append("date \(before.date) → \(surgery.date)") }
        var corrected = patient
        corrected.surgery = surgery
        return try await revise(
            ProgramChange(surgery: surgery), reason: "Surgery corrected (\(changed.joined(separator: ", "))). \(note)",
            on: max(today, surgery.date), clinician: clinician, patient: corrected, today: today,
            idempotency: idempotency, by: actor, respond: respond)
    }

    /// Hands a patient to another clinician; only an admin (or the system) may.
    public func reassign(_ patient: PatientID, to clinician: AccountID, by actor: AuditActor) async throws -> Patient {
        try await store.reassignPatient(patient, to: clinician, by: actor)
    }

    /// Stores `change` with a revision reviewed on `date` against the record as the change leaves it.
    private func revise(
        _ change: ProgramChange, reason: String, on date: CalendarDate, clinician: AccountID, patient: Patient,
        today: CalendarDate, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (PlanRevision) throws -> StoredResponse
    ) async throws -> WriteOutcome<PlanRevision> {
        let engine = self.engine
        let effective = max(date, patient.surgery.date)
        return try await store.changeProgram(
            change, for: patient.id, idempotency: idempotency, by: actor,
            draft: { record in
                PlanDraft(
                    effectiveDate: effective, author: .clinician(clinician), reason: reason,
                    plan: try engine.review(record, on: max(today, record.surgery.date)))
            }, respond: respond)
    }

    /// A note a person typed: plain text, at most 2000 characters, trimmed; nil when empty and not required.
    static func checkedNote(_ note: String?, field: String, required: Bool) throws(InvalidInput) -> String? {
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            if required { throw InvalidInput(field: field, problem: "is empty; say why, for the record") }
            return nil
        }
        try TextInput.check(trimmed, field: field, multiline: true)
        guard trimmed.count <= Discharge.noteMaxLength else {
            throw InvalidInput(field: field, problem: "is over \(Discharge.noteMaxLength) characters")
        }
        return trimmed
    }
}
