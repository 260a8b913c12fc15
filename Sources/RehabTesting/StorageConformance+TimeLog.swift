import Foundation
import RehabCore

extension StorageConformance {
    /// The RTM time log: an entry round-trips with its clinician, another clinician and a patient cannot log for A's
    /// patient, the month's query sees only the clinician's own patients and the dates asked for, a retry with one
    /// key stores once, and every entry is audited.
    static let timeLog: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let day = StorageClinic.surgeryDate.adding(days: 20)
        let entry = TimeEntry(date: day, minutes: 12, activity: .call, interactive: true, note: "Talked through pain")
        let respond: @Sendable (StoredTimeEntry) throws -> StoredResponse = { _ in
            StoredResponse(status: 201, body: Data("ok".utf8))
        }
        let key = IdempotencyKey(key: "t-\(UUID())", accountID: clinic.clinicianA.id, requestHash: "h")
        guard
            case .created(let stored, _) = try await store.logTime(
                entry, for: a, idempotency: key, by: clinic.asA, respond: respond)
        else { throw ConformanceFailure(message: "time logged", line: #line) }
        try expect(stored.entry == entry && stored.clinicianID == clinic.clinicianA.id, "round trip")
        guard
            case .replayed = try await store.logTime(entry, for: a, idempotency: key, by: clinic.asA, respond: respond)
        else { throw ConformanceFailure(message: "a retry replays", line: #line) }
        for (actor, name) in [(clinic.asB, "another clinician"), (clinic.asPatientA, "the patient")] {
            try await expectStorageError(.notFound, "\(name) may not log time") {
                _ = try await store.logTime(entry, for: a, idempotency: nil, by: actor, respond: respond)
            }
        }
        _ = try await store.logTime(
            TimeEntry(date: day.adding(days: 40), minutes: 5, activity: .dataReview, interactive: false), for: a,
            idempotency: nil, by: clinic.asA, respond: respond)
        _ = try await store.logTime(
            entry, for: clinic.patientB.id, idempotency: nil, by: clinic.asB, respond: respond)
        try expect(try await store.timeEntries(of: a, by: clinic.asA).count == 2, "both of A's entries")
        let month = try await store.timeEntries(clinician: clinic.clinicianA.id, from: day, to: day.adding(days: 10))
        try expect(month.map(\.id) == [stored.id], "the month holds A's entry in range only")
        let actions = try await store.auditEntries(AuditQuery(patientID: a)).map(\.action)
        try expect(actions.filter { $0 == .timeLog }.count == 2, "each entry audited once")
    }
}
