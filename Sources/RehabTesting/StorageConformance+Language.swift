import Foundation
import RehabCore

extension StorageConformance {
    /// A patient's language: none until chosen, set and cleared by the patient, read back with the patient (by id
    /// and by account, which is what sign-in reads), and never settable by another clinician.
    static let patientLanguage: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA
        try expect(try await store.patient(a.id, by: clinic.asA).language == nil, "no language until chosen")
        let chosen = try await store.setLanguage(.spanish, for: a.id, by: clinic.asPatientA)
        try expect(chosen.language == .spanish && chosen.id == a.id, "the answer carries the choice")
        try expect(try await store.patient(a.id, by: clinic.asA).language == .spanish, "read back by id")
        try expect(try await store.patient(account: a.accountID).language == .spanish, "read back by account")
        try expect(
            try await store.patient(clinic.patientB.id, by: clinic.asB).language == nil, "the other patient unchanged")
        try await expectStorageError(.notFound, "another clinician may not set it") {
            _ = try await store.setLanguage(.english, for: a.id, by: clinic.asB)
        }
        try expect(
            try await store.patient(a.id, by: clinic.asA).language == .spanish, "a refused change changes nothing")
        let cleared = try await store.setLanguage(nil, for: a.id, by: clinic.asPatientA)
        try expect(cleared.language == nil, "cleared: follow the browser again")
    }
}
