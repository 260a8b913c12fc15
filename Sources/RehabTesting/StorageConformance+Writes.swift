import Foundation
import RehabCore

extension StorageConformance {
    static let recordSession: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let write = SessionWrite(patientID: a, session: StorageClinic.session(day: 3), note: "felt fine")
        let outcome = try await store.recordSession(
            write, idempotency: nil, by: clinic.asPatientA, review: StorageClinic.review,
            respond: StorageClinic.respond)
        guard case .created(let recorded, let response) = outcome else {
            throw ConformanceFailure(message: "first write creates", line: #line)
        }
        try expect(response == nil, "no key, no stored response")
        try expect(recorded.revision?.number == 1 && recorded.session.planRevision == nil, "first revision")
        let stored = try await store.sessions(of: a, by: clinic.asA)
        try expect(stored == [recorded.session], "session round-trips")
        let record = try await store.record(of: a, by: clinic.asA)
        try expect(record.sessions == [write.session] && record.surgery == clinic.patientA.surgery, "record")
        let next = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 4)), idempotency: nil,
            by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        guard case .created(let second, _) = next else { throw ConformanceFailure(message: "second", line: #line) }
        try expect(second.revision == nil && second.session.planRevision == 1, "no review, no revision")
        let audit = try await store.auditEntries(AuditQuery(patientID: a))
        try expect(audit.filter { $0.action == .sessionCreate }.count == 2, "each session is audited")
        try expect(
            audit.contains { $0.action == .recordRead && $0.accountID == clinic.clinicianA.id }, "reads audited")
    }

    static let repeatedDosesStoreNoRevision: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        func log(day: Int, review: @escaping @Sendable (PatientRecord) throws -> SessionReview) async throws
            -> RecordedSession
        {
            let outcome = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: day)), idempotency: nil,
                by: clinic.asPatientA, review: review, respond: StorageClinic.respond)
            guard case .created(let recorded, _) = outcome else {
                throw ConformanceFailure(message: "created", line: #line)
            }
            return recorded
        }
        let first = try await log(day: 3, review: StorageClinic.review)
        try expect(first.revision?.number == 1, "the first review is stored")
        // Day 4 is in the same week: the plan asks for the same doses, so the session changes nothing.
        let same = try await log(day: 4, review: StorageClinic.review)
        try expect(same.revision == nil && same.session.planRevision == 1, "same doses, no revision")
        let changed = try await log(day: 5, review: StorageClinic.reviewChangingEachTime)
        try expect(changed.revision?.number == 2 && changed.revision?.previous == 1, "new doses, new revision")
        let revisions = try await store.planRevisions(of: a, by: clinic.asA)
        try expect(revisions.map(\.number) == [1, 2], "two revisions")
    }

    static let idempotency: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let key = IdempotencyKey(key: "k-1", accountID: clinic.patientA.accountID, requestHash: "hash-1")
        func post(_ key: IdempotencyKey) async throws -> WriteOutcome<RecordedSession> {
            try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: 3)), idempotency: key,
                by: clinic.asPatientA, review: StorageClinic.review, respond: StorageClinic.respond)
        }
        guard case .created(_, let first?) = try await post(key) else {
            throw ConformanceFailure(message: "first post creates with a response", line: #line)
        }
        guard case .replayed(let again) = try await post(key) else {
            throw ConformanceFailure(message: "retry replays", line: #line)
        }
        try expect(again == first, "retry gets the first response")
        try expect(try await store.sessions(of: a, by: clinic.asA).count == 1, "one row")
        try expect(try await store.planRevisions(of: a, by: clinic.asA).count == 1, "one revision")
        var other = key
        other.requestHash = "hash-2"
        try await expectStorageError(.keyReused, "same key, other body") { _ = try await post(other) }
        let standalone = IdempotencyKey(key: "k-2", accountID: clinic.clinicianA.id, requestHash: "h")
        try expect(try await store.storedResponse(for: standalone) == nil, "new key")
        let response = StoredResponse(status: 201, body: Data("{}".utf8))
        try await store.storeResponse(response, for: standalone, at: StorageClinic.now)
        try await store.storeResponse(response, for: standalone, at: StorageClinic.now)
        try expect(try await store.storedResponse(for: standalone) == response, "standalone replay")
        var clash = standalone
        clash.requestHash = "h2"
        try await expectStorageError(.keyReused, "standalone clash") { _ = try await store.storedResponse(for: clash) }
        let otherUser = IdempotencyKey(key: "k-2", accountID: clinic.clinicianB.id, requestHash: "zz")
        try expect(try await store.storedResponse(for: otherUser) == nil, "keys are per account")
    }

    static let concurrentSessions: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    _ = try await store.recordSession(
                        SessionWrite(patientID: a, session: StorageClinic.session(day: 2 + index % 30)),
                        idempotency: IdempotencyKey(
                            key: "c\(index)", accountID: clinic.patientA.accountID, requestHash: "h"),
                        by: clinic.asPatientA, review: StorageClinic.reviewChangingEachTime,
                        respond: StorageClinic.respond)
                }
            }
            try await group.waitForAll()
        }
        try expect(try await store.sessions(of: a, by: clinic.asA).count == 100, "100 rows")
        let revisions = try await store.planRevisions(of: a, by: clinic.asA)
        try expect(revisions.map(\.number) == Array(1...100), "revisions 1…100")
        try expect(revisions.allSatisfy { $0.previous == ($0.number == 1 ? nil : $0.number - 1) }, "chain intact")
        // The review wrote the number of sessions it saw into each revision: the k-th write saw k, its own included,
        // so no write was reviewed without every session stored before it.
        try expect(
            revisions.allSatisfy { $0.plan.exercises.first?.reps == $0.number }, "each review saw every earlier session"
        )
        let pointers = try await store.sessions(of: a, by: clinic.asA).compactMap(\.planRevision).sorted()
        try expect(pointers == Array(1...99), "each session points at the revision in force")
    }

    static let concurrentRetriesOfOneKey: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let write = SessionWrite(patientID: a, session: StorageClinic.session(day: 3))
        let key = IdempotencyKey(key: "race", accountID: clinic.patientA.accountID, requestHash: "h")
        let responses = try await withThrowingTaskGroup(of: StoredResponse?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    switch try await store.recordSession(
                        write, idempotency: key, by: clinic.asPatientA, review: StorageClinic.review,
                        respond: StorageClinic.respond)
                    {
                    case .created(_, let response): response
                    case .replayed(let response): response
                    }
                }
            }
            return try await group.reduce(into: [StoredResponse?]()) { $0.append($1) }
        }
        try expect(Set(responses).count == 1 && responses.first != nil, "every retry gets the one response")
        try expect(try await store.sessions(of: a, by: clinic.asA).count == 1, "one row for 20 retries")
        try expect(try await store.planRevisions(of: a, by: clinic.asA).count == 1, "one revision")
    }

    /// Twenty concurrent creates of one patient with one key: one patient, and every caller gets its response.
    static let concurrentCreatesWithOneKey: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let new = StorageClinic.newPatient(clinic.clinicianA.id, "Kari", "kari-\(UUID())@example.test")
        let key = IdempotencyKey(key: "create", accountID: clinic.clinicianA.id, requestHash: "h")
        let respond: @Sendable (Patient) throws -> StoredResponse = {
            StoredResponse(status: 201, body: Data($0.id.description.utf8))
        }
        let responses = try await withThrowingTaskGroup(of: StoredResponse?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    switch try await store.createPatient(new, idempotency: key, by: clinic.asA, respond: respond) {
                    case .created(_, let response): response
                    case .replayed(let response): response
                    }
                }
            }
            return try await group.reduce(into: [StoredResponse?]()) { $0.append($1) }
        }
        try expect(Set(responses).count == 1 && responses.first != nil, "every caller gets the one response")
        let list = try await store.patients(
            PatientListQuery(
                clinicianID: clinic.clinicianA.id, policy: StorageClinic.policy, asOf: .init(dayNumber: 20_400)))
        try expect(list.filter { $0.name == "Kari" }.count == 1, "one patient for 20 callers")
        var other = key
        other.requestHash = "h2"
        try await expectStorageError(.keyReused, "the key with another request") {
            _ = try await store.createPatient(new, idempotency: other, by: clinic.asA, respond: respond)
        }
    }

    static let reviewSeesTheWholeRecord: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let day = StorageClinic.surgeryDate.adding(days: 12)
        let engine = try StorageClinic.engine()
        let change = ProgramChange(
            prescriptions: [Prescription(date: day, exercise: "quad-set", step: 1)], confirmPhase: "tkr-2")
        _ = try await store.changeProgram(change, for: a, by: clinic.asA) { record in
            PlanDraft(
                effectiveDate: day, author: .clinician(clinic.clinicianA.id), reason: "dose edit",
                plan: try engine.review(record, on: day))
        }
        _ = try await store.recordCheckIn(
            CheckInWrite(patientID: a, checkIn: CheckIn(date: day), triage: TriageResult(reasons: [])),
            idempotency: nil, by: clinic.asPatientA, respond: { _ in StoredResponse(status: 201, body: Data()) })
        _ = try await store.recordMeasurement(
            RehabCore.Measurement(date: day, kind: .kneeFlexion, side: .left, value: 88), id: .generate(), for: a,
            by: clinic.asA)
        let seen = RecordBox()
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 13)), idempotency: nil,
            by: clinic.asPatientA, review: { record in seen.set(record) }, respond: StorageClinic.respond)
        let stored = try await store.record(of: a, by: clinic.asA)
        try expect(stored.prescriptions.count == 1 && stored.checkIns.count == 1, "the record holds everything")
        try expect(seen.value == stored, "the review sees the stored record with the new session appended")
    }

    /// With the history cached by an earlier session, each other kind of write before the next session (a
    /// check-in, a measurement, a prescription, a confirmed phase, a plan revision) reaches that session's review;
    /// the session names the newest plan revision, and a review asking for that revision's doses stores none.
    static let reviewSeesWritesBetweenSessions: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let engine = try StorageClinic.engine()
        let draft: @Sendable (PatientRecord, CalendarDate) throws -> PlanDraft = { record, date in
            PlanDraft(
                effectiveDate: date, author: .clinician(clinic.clinicianA.id), reason: "dose edit",
                plan: try engine.review(record, on: date))
        }
        let change: @Sendable (ProgramChange) async throws -> Void = { change in
            _ = try await store.changeProgram(change, for: a, by: clinic.asA) { record in
                try draft(record, StorageClinic.surgeryDate.adding(days: 20))
            }
        }
        let writes: [(name: String, write: @Sendable (CalendarDate) async throws -> Void)] = [
            (
                "check-in",
                { date in
                    _ = try await store.recordCheckIn(
                        CheckInWrite(patientID: a, checkIn: CheckIn(date: date), triage: TriageResult(reasons: [])),
                        idempotency: nil, by: clinic.asPatientA,
                        respond: { _ in StoredResponse(status: 201, body: Data()) })
                }
            ),
            (
                "measurement",
                { date in
                    _ = try await store.recordMeasurement(
                        RehabCore.Measurement(date: date, kind: .kneeFlexion, side: .left, value: 91), id: .generate(),
                        for: a, by: clinic.asA)
                }
            ),
            (
                "prescription",
                { date in
                    try await change(
                        ProgramChange(prescriptions: [Prescription(date: date, exercise: "quad-set", step: 1)]))
                }
            ),
            ("confirmed phase", { _ in try await change(ProgramChange(prescriptions: [], confirmPhase: "tkr-2")) }),
            (
                "plan revision",
                { date in
                    let current = try await store.currentPlanRevision(of: a, by: clinic.asA)
                    var revised = try draft(try await store.record(of: a, by: clinic.asA), date)
                    revised.plan.exercises = revised.plan.exercises.map { exercise in
                        var exercise = exercise
                        exercise.reps = (exercise.reps ?? 0) + 1
                        return exercise
                    }
                    _ = try await store.appendPlanRevision(
                        revised, for: a, expectedPrevious: current?.number, by: clinic.asA)
                }
            ),
        ]
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 10)), idempotency: nil,
            by: clinic.asPatientA, review: StorageClinic.review, respond: StorageClinic.respond)
        for (index, item) in writes.enumerated() {
            try await item.write(StorageClinic.surgeryDate.adding(days: 11 + 2 * index))
            let current = try await store.currentPlanRevision(of: a, by: clinic.asA)
            let sameDoses = current.map {
                PlanDraft(effectiveDate: $0.effectiveDate, author: .rule("test"), reason: "same", plan: $0.plan)
            }
            let seen = RecordBox()
            let outcome = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: 12 + 2 * index)), idempotency: nil,
                by: clinic.asPatientA,
                review: { record in
                    _ = seen.set(record)
                    return SessionReview(draft: sameDoses)
                }, respond: StorageClinic.respond)
            let stored = try await store.record(of: a, by: clinic.asA)
            try expect(seen.value == stored, "the review after a \(item.name) sees it")
            guard case .created(let recorded, _) = outcome else {
                throw ConformanceFailure(message: "created after a \(item.name)", line: #line)
            }
            try expect(
                recorded.session.planRevision == current?.number && recorded.revision == nil,
                "the session after a \(item.name) names the newest plan and keeps its doses")
        }
    }

    static let failingWriteStoresNothing: Case = { store in
        struct ReviewFailed: Error {}
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let key = IdempotencyKey(key: "f", accountID: clinic.patientA.accountID, requestHash: "h")
        let before = try await store.auditEntries(AuditQuery(patientID: a)).count
        do {
            _ = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: 3)), idempotency: key,
                by: clinic.asPatientA, review: { _ in throw ReviewFailed() }, respond: StorageClinic.respond)
            throw ConformanceFailure(message: "the failing review must fail the write", line: #line)
        } catch is ReviewFailed {}
        try expect(try await store.sessions(of: a, by: clinic.asA).isEmpty, "no session")
        try expect(try await store.auditEntries(AuditQuery(patientID: a)).count == before, "no audit entry")
        try expect(try await store.storedResponse(for: key) == nil, "no idempotency record")
        let duplicate = SessionWrite(patientID: a, session: StorageClinic.session(day: 3))
        _ = try await store.recordSession(
            duplicate, idempotency: nil, by: clinic.asPatientA, review: StorageClinic.review,
            respond: StorageClinic.respond)
        try await expectStorageError(.conflict, "a duplicate id fails the whole write") {
            _ = try await store.recordSession(
                duplicate, idempotency: nil, by: clinic.asPatientA, review: StorageClinic.review,
                respond: StorageClinic.respond)
        }
        try expect(try await store.planRevisions(of: a, by: clinic.asA).count == 1, "no revision from the failed write")
    }

    static let unicodeAndLargeNotes: Case = { store in
        let name = "Zoë Ñúñez-李小龍 \u{1F469}\u{1F3FD}\u{200D}\u{2695}\u{FE0F} O'Brien; DROP TABLE patients;--"
        let clinic = try await StorageClinic.make(store, names: (name, "Åsa Øberg"))
        try expect(try await store.patient(clinic.patientA.id, by: clinic.asA).name == name, "unicode name")
        let note = String(repeating: "Knee felt better — 膝 ✓ \u{0000}? no: ", count: 1).replacingOccurrences(
            of: "\u{0000}", with: "")
        let large = String(repeating: note, count: 30_000)
        let outcome = try await store.recordSession(
            SessionWrite(patientID: clinic.patientA.id, session: StorageClinic.session(day: 3), note: large),
            idempotency: nil, by: clinic.asPatientA, review: { _ in nil }, respond: StorageClinic.respond)
        guard case .created = outcome else { throw ConformanceFailure(message: "created", line: #line) }
        let stored = try await store.sessions(of: clinic.patientA.id, by: clinic.asA)
        try expect(stored.first?.note == large, "a \(large.utf8.count)-byte note round-trips")
        let list = try await store.patients(
            PatientListQuery(
                clinicianID: clinic.clinicianA.id, policy: StorageClinic.policy, asOf: .init(dayNumber: 20_400)))
        try expect(list.first?.name == name, "unicode in lists")
    }
}

/// The record a review closure was given.
private final class RecordBox: @unchecked Sendable {
    private let lock = NSLock()
    private var record: PatientRecord?

    /// Keeps the record; returns no draft.
    func set(_ record: PatientRecord) -> SessionReview {
        lock.withLock { self.record = record }
        return nil
    }

    var value: PatientRecord? { lock.withLock { record } }
}
