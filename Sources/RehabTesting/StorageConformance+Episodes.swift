import Foundation
import RehabCore

extension StorageConformance {
    /// A discharge, a reopening and a surgery correction are each a revision with their own audit entry; the
    /// discharged patient leaves the worklist for its discharged filter (back on it with an open urgent alert);
    /// a reassignment moves the patient, history and all, to the new clinician and out of the old one's sight.
    static let episodes: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let day = StorageClinic.surgeryDate.adding(days: 40)
        let engine = try StorageClinic.engine()
        let draft: @Sendable (PatientRecord) throws -> PlanDraft = { record in
            PlanDraft(
                effectiveDate: day, author: .clinician(clinic.clinicianA.id), reason: "episode",
                plan: try engine.review(record, on: day))
        }
        _ = try await store.recordSession(
            SessionWrite(patientID: a, session: StorageClinic.session(day: 3)), idempotency: nil, by: clinic.asPatientA,
            review: { _ in nil }, respond: StorageClinic.respond)
        func list(discharged: Bool) async throws -> [PatientID] {
            try await store.patients(
                PatientListQuery(
                    clinicianID: clinic.clinicianA.id, policy: StorageClinic.policy, asOf: day, discharged: discharged)
            ).map(\.id)
        }
        let inCare = try await list(discharged: false)
        let dischargedBefore = try await list(discharged: true)
        try expect(inCare == [a] && dischargedBefore.isEmpty, "in care")

        let discharge = Discharge(
            date: day, reason: .goalsMet, note: "Walks a mile", keep: [KeptExercise(id: "quad-set", step: 2)])
        let ended = try await store.changeProgram(
            ProgramChange(episode: .discharge(discharge)), for: a, by: clinic.asA, draft: draft)
        try expect(ended.plan.discharge == discharge, "the revision's plan is the home program")
        try expect(try await store.patient(a, by: clinic.asA).discharge == discharge, "stored on the patient")
        try expect(try await store.record(of: a, by: clinic.asA).discharge == discharge, "in the record")
        try expect(try await list(discharged: false).isEmpty, "off the worklist")
        let rows = try await store.patients(
            PatientListQuery(
                clinicianID: clinic.clinicianA.id, policy: StorageClinic.policy, asOf: day, discharged: true))
        try expect(rows.map(\.id) == [a] && rows.first?.dischargedOn == day, "behind the discharged filter")
        _ = try await store.raiseAlert(
            NewAlert(level: .urgent, rule: "fever", message: "Call the clinic"), for: a, by: clinic.asA)
        try expect(try await list(discharged: false) == [a], "an urgent alert brings a discharged patient back")

        let reopened = try await store.changeProgram(
            ProgramChange(episode: .reopen), for: a, by: clinic.asA, draft: draft)
        try expect(reopened.plan.discharge == nil && reopened.number == ended.number + 1, "reopened")
        try expect(try await store.patient(a, by: clinic.asA).discharge == nil, "in care again")

        _ = try await store.changeProgram(
            ProgramChange(confirmPhase: "tkr-2"), for: a, by: clinic.asA, draft: draft)
        let corrected = Surgery(
            kind: .totalKneeReplacement, side: .right, date: StorageClinic.surgeryDate.adding(days: -2))
        _ = try await store.changeProgram(ProgramChange(surgery: corrected), for: a, by: clinic.asA, draft: draft)
        let afterSide = try await store.patient(a, by: clinic.asA)
        try expect(afterSide.surgery == corrected && afterSide.confirmedPhase == "tkr-2", "same kind keeps the phase")
        let newKind = Surgery(kind: .aclReconstruction, side: .right, date: corrected.date)
        _ = try await store.changeProgram(ProgramChange(surgery: newKind), for: a, by: clinic.asA, draft: draft)
        let afterKind = try await store.patient(a, by: clinic.asA)
        try expect(afterKind.surgery == newKind && afterKind.confirmedPhase == nil, "a new kind clears the phase")
        try expect(try await store.record(of: a, by: clinic.asA).surgery == newKind, "the record follows")

        let admin = try await store.createAccount(
            NewAccount(role: .admin, email: "root-\(UUID())@clinic.test", name: "Root", passwordHash: "h"),
            by: StorageClinic.system)
        let asAdmin = AuditActor(.admin(admin.id), origin: "t", at: StorageClinic.now)
        try await expectStorageError(.notFound, "a clinician may not reassign") {
            _ = try await store.reassignPatient(a, to: clinic.clinicianB.id, by: clinic.asA)
        }
        try await expectStorageError(.notFound, "only to a clinician") {
            _ = try await store.reassignPatient(a, to: admin.id, by: asAdmin)
        }
        try expect(try await store.caseload(by: clinic.asA).isEmpty, "a clinician sees no caseload")
        let before = try await store.caseload(by: asAdmin).first { $0.patientID == a }
        try expect(before?.clinicianID == clinic.clinicianA.id && before?.clinicianName == "Dr A", "caseload")
        let moved = try await store.reassignPatient(a, to: clinic.clinicianB.id, by: asAdmin)
        try expect(moved.clinicianID == clinic.clinicianB.id, "moved")
        try await expectStorageError(.notFound, "the old clinician no longer sees the patient") {
            _ = try await store.patient(a, by: clinic.asA)
        }
        try expect(try await store.record(of: a, by: clinic.asB).sessions.count == 1, "the new one sees the history")
        try expect(try await store.clinicians().map(\.id).contains(clinic.clinicianB.id), "clinicians listed")
        let actions = try await store.auditEntries(AuditQuery(patientID: a)).map(\.action)
        for action in [AuditAction.patientDischarge, .patientReopen, .surgeryCorrect, .patientReassign] {
            try expect(actions.contains(action), "audited: \(action.rawValue)")
        }
    }
}
