import Foundation
import RehabCore

// Account care: a person's own new password ends their other sign-ins, signing out everywhere ends them all, and a
// patient's new invite clears their password and ends every sign-in, for the owning clinician only.
extension StorageConformance {
    static let passwordChange: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let id = clinic.clinicianA.id
        let (current, other) = try await (signIn(store, id), signIn(store, id))
        let otherAccount = try await signIn(store, clinic.clinicianB.id)
        try await expectStorageError(.notFound, "someone else's password") {
            _ = try await store.changePassword("x", for: id, keeping: nil, by: clinic.asB)
        }
        try await expectStorageError(.notFound, "a patient cannot change a clinician's password") {
            _ = try await store.changePassword("x", for: id, keeping: nil, by: clinic.asPatientA)
        }
        try expect(try await store.account(id).passwordHash == "h", "a refused change changes nothing")
        try expect(try await alive(store, other), "a refused change ends nothing")
        let ended = try await store.changePassword("new-hash", for: id, keeping: current, by: clinic.asA)
        try expect(ended == 1, "one other sign-in ended, got \(ended)")
        try expect(try await store.account(id).passwordHash == "new-hash", "password replaced")
        try expect(try await alive(store, current), "the sign-in in use stays")
        try expect(!(try await alive(store, other)), "the other sign-in ended")
        try expect(try await alive(store, otherAccount), "another account's sign-in stays")
        let audit = try await store.auditEntries(AuditQuery(accountID: id, limit: 1))
        try expect(audit.first?.action == .passwordChange && audit.first?.patientID == nil, "audited")
        try await expectStorageError(.notFound, "unknown account") {
            let ghost = AccountID.generate()
            _ = try await store.changePassword("x", for: ghost, keeping: nil, by: StorageClinic.system)
        }
    }

    static let endSignIns: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let id = clinic.clinicianA.id
        let (first, second) = try await (signIn(store, id), signIn(store, id))
        let otherAccount = try await signIn(store, clinic.clinicianB.id)
        try await expectStorageError(.notFound, "someone else's sign-ins") {
            _ = try await store.endSignIns(of: id, by: clinic.asB)
        }
        try expect(try await alive(store, first), "a refused sign-out ends nothing")
        let ended = try await store.endSignIns(of: id, by: clinic.asA)
        try expect(ended == 2, "both sign-ins ended, got \(ended)")
        try expect(!(try await alive(store, first)), "the first ended")
        try expect(!(try await alive(store, second)), "the second ended")
        try expect(try await alive(store, otherAccount), "another account's sign-in stays")
        try expect(try await store.account(id).passwordHash == "h", "the password stays")
        let audit = try await store.auditEntries(AuditQuery(accountID: id, limit: 1))
        try expect(audit.first?.action == .signOutEverywhere, "audited")
        try expect(try await store.endSignIns(of: id, by: clinic.asA) == 0, "again: nothing left to end")
    }

    static let inviteReissue: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let new = StorageClinic.newPatient(clinic.clinicianA.id, "Cleo", "cleo-\(UUID())@example.test")
        let patient = try await store.createPatient(new, by: clinic.asA)
        _ = try await store.claimInvite(codeHash: new.inviteCodeHash, passwordHash: "old", by: StorageClinic.system)
        let session = try await signIn(store, patient.accountID)
        let invite = NewInvite(codeHash: "reissued-\(UUID())", expiresAt: StorageClinic.now.addingTimeInterval(3600))
        let asPatient = AuditActor(
            .patient(account: patient.accountID, patient: patient.id), origin: "t", at: StorageClinic.now)
        for (actor, who) in [(clinic.asB, "another clinician"), (asPatient, "the patient")] {
            try await expectStorageError(.notFound, "\(who) cannot") {
                _ = try await store.reissueInvite(
                    invite, for: patient.id, idempotency: nil, by: actor, respond: Self.emptyResponse)
            }
        }
        try expect(try await store.account(patient.accountID).passwordHash == "old", "refused: password stays")
        try expect(try await alive(store, session), "refused: sign-in stays")
        let key = IdempotencyKey(key: "k-\(UUID())", accountID: clinic.clinicianA.id, requestHash: "r")
        let respond: @Sendable (Patient) throws -> StoredResponse = {
            StoredResponse(status: 201, body: Data($0.name.utf8))
        }
        let outcome = try await store.reissueInvite(
            invite, for: patient.id, idempotency: key, by: clinic.asA, respond: respond)
        try expect(outcome.created?.id == patient.id, "the patient comes back")
        try expect(try await store.account(patient.accountID).passwordHash == nil, "the old password is gone")
        try expect(!(try await alive(store, session)), "every sign-in ended")
        let replay = try await store.reissueInvite(
            NewInvite(codeHash: "other-\(UUID())", expiresAt: invite.expiresAt), for: patient.id, idempotency: key,
            by: clinic.asA, respond: respond)
        guard case .replayed(let stored) = replay else { throw ConformanceFailure(message: "replays", line: #line) }
        try expect(stored.body == Data("Cleo".utf8), "the first response comes back")
        let again = try await store.claimInvite(
            codeHash: invite.codeHash, passwordHash: "new", by: StorageClinic.system)
        try expect(again.id == patient.accountID && again.passwordHash == "new", "the new code claims")
        let audit = try await store.auditEntries(AuditQuery(patientID: patient.id, limit: 3))
        try expect(
            audit.map(\.action) == [.inviteClaim, .inviteReissue, .inviteClaim], "audited once, with the patient")
        let unclaimed = StorageClinic.newPatient(clinic.clinicianA.id, "Dee", "dee-\(UUID())@example.test")
        let waiting = try await store.createPatient(unclaimed, by: clinic.asA)
        let replacement = NewInvite(codeHash: "replacement-\(UUID())", expiresAt: invite.expiresAt)
        _ = try await store.reissueInvite(
            replacement, for: waiting.id, idempotency: nil, by: StorageClinic.system, respond: Self.emptyResponse)
        try await expectStorageError(.notFound, "the earlier code stops working") {
            _ = try await store.claimInvite(
                codeHash: unclaimed.inviteCodeHash, passwordHash: "p", by: StorageClinic.system)
        }
        try await expectStorageError(.notFound, "a missing patient") {
            _ = try await store.reissueInvite(
                invite, for: .generate(), idempotency: nil, by: clinic.asA, respond: Self.emptyResponse)
        }
    }

    @Sendable static func emptyResponse(_ patient: Patient) -> StoredResponse {
        StoredResponse(status: 201, body: Data())
    }

    /// A live sign-in of `account`; returns its token hash.
    private static func signIn(_ store: any RehabStore, _ account: AccountID) async throws -> String {
        let session = SignInToken(
            tokenHash: "t-\(UUID())", accountID: account, expiresAt: StorageClinic.now.addingTimeInterval(3600),
            formToken: "csrf", createdAt: StorageClinic.now)
        try await store.createSignIn(session)
        return session.tokenHash
    }

    private static func alive(_ store: any RehabStore, _ tokenHash: String) async throws -> Bool {
        try await store.signInToken(tokenHash: tokenHash, now: StorageClinic.now) != nil
    }
}
