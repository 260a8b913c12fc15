import Foundation
import RehabCore

extension StorageConformance {
    /// A clinician's program change: prescriptions and a confirmed phase land in the record, and a revision with
    /// the clinician as author is appended in the same transaction; nobody else may change the program.
    static let programChanges: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let day = StorageClinic.surgeryDate.adding(days: 12)
        let engine = try StorageClinic.engine()
        let change = ProgramChange(
            prescriptions: [
                Prescription(date: day, exercise: "quad-set", step: 1, note: "gentler — ¡despacio!"),
                Prescription(date: day, exercise: "bridge", removed: true),
            ], confirmPhase: "tkr-2")
        let draft: @Sendable (PatientRecord) throws -> PlanDraft = { record in
            PlanDraft(
                effectiveDate: day, author: .clinician(clinic.clinicianA.id), reason: "dose edit",
                plan: try engine.review(record, on: day))
        }
        let first = try await store.changeProgram(change, for: a, by: clinic.asA, draft: draft)
        try expect(first.number == 1 && first.author == .clinician(clinic.clinicianA.id), "revision appended")
        let record = try await store.record(of: a, by: clinic.asA)
        try expect(record.prescriptions == change.prescriptions, "prescriptions round-trip in order")
        try expect(record.phase == "tkr-2", "phase confirmed")
        let second = try await store.changeProgram(ProgramChange(), for: a, by: clinic.asA, draft: draft)
        try expect(second.number == 2 && second.previous == 1, "a second change extends the chain")
        for (actor, name) in [(clinic.asB, "other clinician"), (clinic.asPatientA, "patient")] {
            try await expectStorageError(.notFound, "\(name) may not change the program") {
                _ = try await store.changeProgram(change, for: a, by: actor, draft: draft)
            }
        }
        try expect(
            try await store.record(of: a, by: clinic.asA).prescriptions.count == 2, "refused changes store nothing")
        try await expectStorageError(.notFound, "a failing draft stores nothing") {
            _ = try await store.changeProgram(
                change, for: a, by: clinic.asA, draft: { _ in throw StorageError(.notFound, "draft") })
        }
        try expect(try await store.record(of: a, by: clinic.asA).prescriptions.count == 2, "rolled back")
    }
}
