import Foundation
import RehabCore

extension StorageConformance {
    /// The thread: both sides write and read, each reading marks only what the other side wrote, unread counts
    /// follow, an author that does not match the actor and another clinician get `notFound` and store nothing, a
    /// retry with one key stores once, a session's program note lands in the same write, and every write and read
    /// is audited.
    static let messages: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let ok: @Sendable (Message) throws -> StoredResponse = { _ in StoredResponse(status: 201, body: Data("m".utf8))
        }
        let key = IdempotencyKey(key: "m-\(UUID())", accountID: clinic.patientA.accountID, requestHash: "h")
        let question = NewMessage(patientID: a, author: .patient, text: "Is it normal that my knee clicks?\nThanks")
        guard
            case .created(let asked, _) = try await store.postMessage(
                question, idempotency: key, by: clinic.asPatientA, respond: ok)
        else { throw ConformanceFailure(message: "message created", line: #line) }
        try expect(asked.authorAccountID == clinic.patientA.accountID && asked.readAt == nil, "author kept")
        guard
            case .replayed = try await store.postMessage(
                NewMessage(patientID: a, author: .patient, text: question.text), idempotency: key,
                by: clinic.asPatientA, respond: ok)
        else { throw ConformanceFailure(message: "a retry replays", line: #line) }
        try await expectStorageError(.notFound, "a patient cannot write as the clinician") {
            _ = try await store.postMessage(
                NewMessage(patientID: a, author: .clinician, text: "x"), idempotency: nil, by: clinic.asPatientA,
                respond: ok)
        }
        try await expectStorageError(.notFound, "another clinician cannot write") {
            _ = try await store.postMessage(
                NewMessage(patientID: a, author: .clinician, text: "x"), idempotency: nil, by: clinic.asB,
                respond: ok)
        }
        try await expectStorageError(.notFound, "another clinician cannot read") {
            _ = try await store.messages(of: a, by: clinic.asB)
        }
        try expect(try await store.unreadMessages(clinician: clinic.clinicianA.id) == [a: 1], "one unread for A")
        try expect(try await store.unreadMessages(clinician: clinic.clinicianB.id).isEmpty, "none for B")
        _ = try await store.postMessage(
            NewMessage(patientID: a, author: .clinician, text: "Yes, that is common."), idempotency: nil,
            by: clinic.asA, respond: ok)
        try expect(try await store.unreadMessageCount(patient: a) == 1, "the patient has one unread")
        let seenByA = try await store.messages(of: a, by: clinic.asA)
        try expect(seenByA.map(\.text) == [question.text, "Yes, that is common."], "thread in order")
        try expect(try await store.unreadMessages(clinician: clinic.clinicianA.id).isEmpty, "A read the question")
        try expect(try await store.unreadMessageCount(patient: a) == 1, "A's reading leaves the reply unread")
        let seenByPatient = try await store.messages(of: a, by: clinic.asPatientA)
        try expect(seenByPatient[0].readAt == StorageClinic.now, "the question was read when A opened it")
        try expect(try await store.unreadMessageCount(patient: a) == 0, "the patient read the reply")

        var painful = StorageClinic.session(day: 3, painAfter: 8)
        painful.stoppedForPain = true
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: painful, programNote: "Automatic note: it hurt."), idempotency: nil,
            by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        let thread = try await store.messages(of: a, by: clinic.asPatientA)
        try expect(
            thread.last?.author == .program && thread.last?.authorAccountID == nil
                && thread.last?.text == "Automatic note: it hurt.", "the program's note is in the thread")
        try expect(try await store.unreadMessages(clinician: clinic.clinicianA.id) == [a: 1], "the note is unread")
        let actions = try await store.auditEntries(AuditQuery(patientID: a)).map(\.action)
        try expect(actions.filter { $0 == .messageCreate }.count == 2, "each person's message audited once")
        try expect(actions.filter { $0 == .messageRead }.count == 3, "each reading audited")
    }

    /// The outbox: an urgent check-in puts a notice in the outbox in its own write, a claim holds it from a second
    /// claim until the lease ends, outcomes are kept (a retry waits for its time), dedupe keys keep a reminder once,
    /// and reminders are per patient, audited, and only patients who can sign in are candidates.
    static let outbox: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let now = StorageClinic.now
        let urgent = TriageResult(reasons: [TriageReason(rule: "fever", level: .urgent, message: "Call the clinic")])
        let calm = TriageResult(reasons: [])
        for triage in [calm, urgent] {
            _ = try await store.recordCheckIn(
                CheckInWrite(
                    patientID: a, checkIn: CheckIn(date: StorageClinic.surgeryDate.adding(days: 4)), triage: triage),
                idempotency: nil, by: clinic.asPatientA, respond: { _ in StoredResponse(status: 201, body: Data()) })
        }
        let queued = try await store.outboxMail(of: a)
        try expect(queued.map(\.kind) == [.alertNotice] && queued[0].state == .pending, "one notice, for the red flag")
        try expect(try await store.mailQueueLength() >= 1, "the queue counts it")
        let claimed = try await store.claimDueMail(now: now, lease: 60, limit: 100_000).filter { $0.patientID == a }
        try expect(claimed.count == 1, "the notice is claimed")
        try expect(
            claimed[0].recipientEmail == clinic.clinicianA.email && claimed[0].alertLevel == .urgent
                && claimed[0].stillApplies && claimed[0].attempts == 1, "addressed to the patient's clinician")
        let again = try await store.claimDueMail(now: now.addingTimeInterval(30), lease: 60, limit: 100_000)
        try expect(!again.contains { $0.id == claimed[0].id }, "a claimed mail is not claimed twice in its lease")
        let afterLease = try await store.claimDueMail(now: now.addingTimeInterval(61), lease: 60, limit: 100_000)
        try expect(afterLease.first { $0.id == claimed[0].id }?.attempts == 2, "an ended lease frees it again")
        try await store.finishMail(claimed[0].id, .retry(at: now.addingTimeInterval(300), reason: "smtp-4xx"), at: now)
        try expect(
            try await store.claimDueMail(now: now.addingTimeInterval(200), lease: 60, limit: 100_000)
                .allSatisfy { $0.id != claimed[0].id }, "a retry waits for its time")
        let retried = try await store.claimDueMail(now: now.addingTimeInterval(300), lease: 60, limit: 100_000)
        try expect(retried.contains { $0.id == claimed[0].id }, "then it is due again")
        try await store.finishMail(claimed[0].id, .sent(receipt: "250 queued as X1"), at: now)
        let sent = try await store.outboxMail(claimed[0].id)
        try expect(sent.state == .sent && sent.receipt == "250 queued as X1" && sent.attempts == 3, "sent is kept")
        try await store.finishMail(claimed[0].id, .failed(reason: "late"), at: now)
        try expect(try await store.outboxMail(claimed[0].id).state == .sent, "a finished mail stays finished")

        let reminder = NewOutboxMail(kind: .sessionReminder, patientID: a, dedupeKey: "r-\(UUID())", dueAt: now)
        try expect(try await store.enqueueMail([reminder]) == 1, "a reminder is queued")
        var twin = reminder
        twin.id = .generate()
        try expect(try await store.enqueueMail([twin]) == 0, "the same key is not queued twice")

        let settings = CalendarSettings.defaults(timeZone: "Europe/Madrid")
        try expect(try await store.mailReminders(of: a, by: clinic.asPatientA) == false, "reminders start off")
        try await store.setMailReminders(true, defaults: settings, for: a, by: clinic.asPatientA)
        try expect(try await store.mailReminders(of: a, by: clinic.asPatientA), "turned on")
        try expect(
            try await store.reminderCandidates(since: StorageClinic.surgeryDate).allSatisfy { $0.patientID != a },
            "a patient who cannot sign in yet gets no reminders")
        try await store.setPasswordHash("hash", for: clinic.patientA.accountID, by: StorageClinic.system)
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 5)), idempotency: nil,
            by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        let candidate = try await store.reminderCandidates(since: StorageClinic.surgeryDate).first { $0.patientID == a }
        try expect(candidate?.settings == settings, "the candidate has the patient's times")
        try expect(candidate?.sessionsByDay == [StorageClinic.surgeryDate.adding(days: 5): 1], "sessions by day")
        try expect(candidate?.lastCheckIn == StorageClinic.surgeryDate.adding(days: 4), "the last check-in day")
        let claimedReminder = try await store.claimDueMail(now: now, lease: 60, limit: 100_000).first {
            $0.id == reminder.id
        }
        try expect(
            claimedReminder?.recipientEmail == clinic.patientA.email && claimedReminder?.stillApplies == true,
            "a reminder goes to the patient while they want it")
        try await expectStorageError(.notFound, "another clinician cannot change reminders") {
            try await store.setMailReminders(false, defaults: settings, for: a, by: clinic.asB)
        }
        try await store.setMailReminders(false, defaults: settings, for: a, by: clinic.asPatientA)
        let afterStop = try await store.claimDueMail(now: now.addingTimeInterval(61), lease: 60, limit: 100_000)
        try expect(afterStop.first { $0.id == reminder.id }?.stillApplies == false, "stopped reminders no longer apply")
        let actions = try await store.auditEntries(AuditQuery(patientID: a)).map(\.action)
        try expect(actions.filter { $0 == .remindersChange }.count == 2, "each change audited")
        let name = "test-\(UUID())"
        let first = try await store.serverKey(named: name, fresh: Data([1, 2, 3]))
        let second = try await store.serverKey(named: name, fresh: Data([9, 9, 9]))
        try expect(first == Data([1, 2, 3]) && second == first, "a server key is made once and kept")
    }
}
