import Foundation
import RehabCore

extension StorageConformance {
    /// The admin's audit trail: entries carry the actor's and the patient's names, filters by patient, account,
    /// action and time each narrow it, and only an admin or the system may read it.
    static let auditTrail: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let admin = try await store.createAccount(
            NewAccount(role: .admin, email: "admin-\(UUID())@clinic.test", name: "Ada Admin", passwordHash: nil),
            by: StorageClinic.system)
        let asAdmin = AuditActor(.admin(admin.id), origin: "t", at: StorageClinic.now)
        let later = AuditActor(.clinician(clinic.clinicianA.id), origin: "10.0.0.9", at: StorageClinic.now + 3600)
        _ = try await store.record(of: a, by: clinic.asA)
        _ = try await store.record(of: a, by: later)
        _ = try await store.record(of: clinic.patientB.id, by: clinic.asB)
        let reads = try await store.auditTrail(
            AuditQuery(patientID: a, action: .recordRead, limit: 10), by: asAdmin)
        try expect(reads.count == 2, "both reads of A's record")
        try expect(reads[0].entry.at == later.at && reads[0].entry.origin == "10.0.0.9", "newest first")
        try expect(
            reads.allSatisfy {
                $0.accountName == clinic.clinicianA.name && $0.accountEmail == clinic.clinicianA.email
                    && $0.accountRole == .clinician && $0.patientName == clinic.patientA.name
            }, "named")
        let early = try await store.auditTrail(
            AuditQuery(patientID: a, action: .recordRead, until: StorageClinic.now + 1), by: asAdmin)
        try expect(early.map(\.entry.at) == [StorageClinic.now], "until is exclusive of later entries")
        let fromLater = try await store.auditTrail(
            AuditQuery(action: .recordRead, from: StorageClinic.now + 60), by: asAdmin)
        try expect(fromLater.allSatisfy { $0.entry.at >= StorageClinic.now + 60 }, "from")
        try expect(fromLater.contains { $0.entry.patientID == a }, "from keeps the later read")
        let byB = try await store.auditTrail(AuditQuery(accountID: clinic.clinicianB.id), by: asAdmin)
        try expect(!byB.isEmpty && byB.allSatisfy { $0.entry.accountID == clinic.clinicianB.id }, "by account")
        for actor in [clinic.asA, clinic.asPatientA] {
            try await expectStorageError(.notFound, "only an admin reads the trail") {
                _ = try await store.auditTrail(AuditQuery(), by: actor)
            }
        }
    }
}
