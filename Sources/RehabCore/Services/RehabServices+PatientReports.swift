import Foundation

extension RehabServices {
    /// Stores one exercise session and, when the engine changes any dose because of it, a new plan revision
    /// naming the rules that fired, all in one transaction; a painful session also leaves the program's note in the
    /// clinician's thread, in the same transaction.
    ///
    /// The session is checked first (dates, pain 0–10, known exercises, doses); a bad one throws `InvalidInput`
    /// naming the field and stores nothing.
    public func logSession(
        _ session: ExerciseSession, note: String?, for patient: Patient, today: CalendarDate,
        idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (RecordedSession) throws -> StoredResponse
    ) async throws -> WriteOutcome<RecordedSession> {
        try validate(session, surgery: patient.surgery, today: today)
        let engine = self.engine
        let write = SessionWrite(
            patientID: patient.id, session: session, note: note, programNote: painfulSessionNote(for: session))
        let outcome = try await store.recordSession(
            write, idempotency: idempotency, by: actor,
            review: { record in try Self.revision(after: session, record: record, engine: engine) },
            respond: respond)
        if let recorded = outcome.created {
            try await raiseNewAlerts(recorded.alerts, for: patient.id, by: actor)
        }
        return outcome
    }

    /// Opens an alert for each of the plan's alerts whose rule has no open alert yet, so a clinician hears once
    /// about a pain pattern, missed sessions or a phase gate that is met.
    public func raiseNewAlerts(_ alerts: [PlanAlert], for patient: PatientID, by actor: AuditActor) async throws {
        guard !alerts.isEmpty else { return }
        let open = Set(try await store.alerts(of: patient, by: actor).filter(\.isOpen).map(\.rule))
        var raised = open
        for alert in alerts where !raised.contains(alert.rule) {
            raised.insert(alert.rule)
            _ = try await store.raiseAlert(
                NewAlert(level: alert.level, rule: alert.rule, message: alert.message), for: patient, by: actor)
        }
    }

    /// Stores a daily check-in with its triage; urgent and emergency levels open an alert in the same write.
    ///
    /// The triage is stored in English (the clinician reads it); `respond` and the answer get it in `language`,
    /// the same rules worded for the patient.
    public func submitCheckIn(
        _ checkIn: CheckIn, for patient: Patient, today: CalendarDate, idempotency: IdempotencyKey?,
        by actor: AuditActor, answeringIn language: Language = .english,
        respond: @escaping @Sendable (StoredCheckIn) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredCheckIn> {
        do {
            try checkIn.validate(path: "checkIn")
        } catch {
            throw InvalidInput(field: String(error.field.dropFirst("checkIn.".count)), problem: error.problem)
        }
        try Self.checkDay(checkIn.date, field: "date", surgery: patient.surgery, today: today)
        let recent = try await store.checkIns(of: patient.id, by: actor).map(\.checkIn)
            .filter { $0.date <= checkIn.date && $0.date.days(until: checkIn.date) <= 7 }
        let triage = Triage.assess(checkIn, recent: recent, policy: catalog.triage, sentences: catalog.sentences)
        let write = CheckInWrite(patientID: patient.id, checkIn: checkIn, triage: triage)
        guard language != .english else {
            return try await store.recordCheckIn(write, idempotency: idempotency, by: actor, respond: respond)
        }
        let shown = triage.translated(to: language, checkIn: checkIn, recent: recent, catalog: catalog)
        let worded: @Sendable (StoredCheckIn) -> StoredCheckIn = { stored in
            var copy = stored
            copy.triage = shown
            return copy
        }
        let outcome = try await store.recordCheckIn(
            write, idempotency: idempotency, by: actor, respond: { try respond(worded($0)) })
        switch outcome {
        case .created(let stored, let response): return .created(worded(stored), response)
        case .replayed: return outcome
        }
    }

    /// Scores and stores a questionnaire response.
    public func submitQuestionnaire(
        _ instrument: Instrument, answers: QuestionnaireAnswers, date: CalendarDate, for patient: Patient,
        today: CalendarDate, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (QuestionnaireResponse) throws -> StoredResponse
    ) async throws -> WriteOutcome<QuestionnaireResponse> {
        try Self.checkDay(date, field: "date", surgery: patient.surgery, today: today, allowBeforeSurgery: true)
        let score = try questionnaires.score(instrument, answers: answers)
        let write = QuestionnaireWrite(patientID: patient.id, date: date, answers: answers, score: score)
        return try await store.recordQuestionnaire(write, idempotency: idempotency, by: actor, respond: respond)
    }

    // MARK: - Pieces

    /// The plan revision a new session causes (nil unless the engine progresses, regresses or pauses something)
    /// and the alerts of the plan it computes, from one review inside the write.
    static func revision(after session: ExerciseSession, record: PatientRecord, engine: PlanEngine) throws
        -> SessionReview
    {
        let next = session.date.adding(days: 1)
        let plan = try engine.review(record, on: next)
        let changed = plan.exercises.filter { [.progress, .regress, .pause].contains($0.change) }
        guard !changed.isEmpty else { return SessionReview(draft: nil, alerts: plan.alerts) }
        var rules: [String] = []
        for rule in changed.compactMap(\.rule) where !rules.contains(rule) { rules.append(rule) }
        let reason = changed.map { "\($0.name): \($0.reason ?? ($0.change?.rawValue ?? ""))" }.joined(separator: " ")
        let draft = PlanDraft(
            effectiveDate: next, author: .rule(rules.joined(separator: ",")), reason: reason, plan: plan)
        return SessionReview(draft: draft, alerts: plan.alerts)
    }

    /// Checks a session as the record document would be checked, naming fields relative to the session.
    func validate(_ session: ExerciseSession, surgery: Surgery, today: CalendarDate) throws(InvalidInput) {
        guard !session.exercises.isEmpty else { throw InvalidInput(field: "exercises", problem: "is empty") }
        let record = PatientRecord(surgery: surgery, sessions: [session])
        do {
            try record.validate(today: today, knownExercises: knownExercises, measures: catalog.measurements)
        } catch {
            let field = error.field.hasPrefix("sessions[0].") ? String(error.field.dropFirst(12)) : error.field
            throw InvalidInput(field: field, problem: error.problem)
        }
    }

    static func checkDay(
        _ date: CalendarDate, field: String, surgery: Surgery, today: CalendarDate, allowBeforeSurgery: Bool = false
    ) throws(InvalidInput) {
        if date > today { throw InvalidInput(field: field, problem: "\(date) is in the future (today is \(today))") }
        if !allowBeforeSurgery, date < surgery.date {
            throw InvalidInput(field: field, problem: "\(date) is before the surgery date \(surgery.date)")
        }
    }
}
