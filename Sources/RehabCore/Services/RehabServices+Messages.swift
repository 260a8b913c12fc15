import Foundation

extension RehabServices {
    /// Writes a message in the patient's thread as `author` (the patient, or their clinician). The text is checked
    /// first (`MessageText`); a bad one throws naming `text` and stores nothing.
    public func postMessage(
        _ text: String, to patient: PatientID, as author: MessageAuthor, idempotency: IdempotencyKey?,
        by actor: AuditActor, respond: @escaping @Sendable (Message) throws -> StoredResponse
    ) async throws -> WriteOutcome<Message> {
        let checked = try MessageText.checked(text)
        return try await store.postMessage(
            NewMessage(patientID: patient, author: author, text: checked), idempotency: idempotency, by: actor,
            respond: respond)
    }

    /// The program's note for the clinician after `session`, when it was painful (see `PainfulSessionNote`).
    public func painfulSessionNote(for session: ExerciseSession) -> String? {
        PainfulSessionNote.text(for: session, threshold: catalog.triage.contactPain) { id in
            catalog.exercises[id]?.name ?? id.rawValue
        }
    }

    /// Turns reminders by mail on or off for the patient; the daily times stay as chosen (the clinic's defaults
    /// in `timeZone` until the patient chooses).
    public func setMailReminders(_ on: Bool, for patient: PatientID, timeZone: String, by actor: AuditActor)
        async throws
    {
        try await store.setMailReminders(
            on, defaults: .defaults(timeZone: timeZone), for: patient, by: actor)
    }

    /// Puts the reminders that are due at `now` in the outbox, each once (see `ReminderPolicy`). A session reminder
    /// goes only when the day's plan has an exercise to do (ice and other recovery items aside): not when a red flag
    /// or the clinician paused them all.
    /// Returns how many were added.
    @discardableResult
    public func queueDueReminders(now: Date) async throws -> Int {
        let actor = AuditActor(.system, origin: "reminders", at: now)
        let since = CalendarDate(dayNumber: Int(now.timeIntervalSince1970 / 86_400) - 3)
        var mails: [NewOutboxMail] = []
        for candidate in try await store.reminderCandidates(since: since) {
            for due in ReminderPolicy.due(candidate, now: now) {
                if due.kind == .sessionReminder {
                    let patient = try await store.patient(candidate.patientID, by: actor)
                    let plan = try await plan(for: patient, on: due.day, by: actor)
                    guard plan.exercises.contains(where: { $0.category != .recovery && $0.change != .pause }) else {
                        continue
                    }
                }
                mails.append(
                    NewOutboxMail(kind: due.kind, patientID: candidate.patientID, dedupeKey: due.dedupeKey, dueAt: now))
            }
        }
        return try await store.enqueueMail(mails)
    }
}
