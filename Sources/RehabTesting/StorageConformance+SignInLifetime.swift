import Foundation
import RehabCore

// Sign-ins that end after a time without use, and second factors with their recovery codes.
extension StorageConformance {
    static let signInIdleEnd: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let now = StorageClinic.now
        let session = SignInToken(
            tokenHash: "t-\(UUID())", accountID: clinic.clinicianA.id, expiresAt: now.addingTimeInterval(12 * 3600),
            formToken: "csrf", createdAt: now, idleSeconds: 900)
        try await store.createSignIn(session)
        try expect(try await store.signInToken(tokenHash: session.tokenHash, now: now) == session, "round-trips")
        let almost = now.addingTimeInterval(899)
        try expect(try await store.signedIn(tokenHash: session.tokenHash, now: almost) != nil, "live until idle end")
        try expect(
            try await store.signedIn(tokenHash: session.tokenHash, now: now.addingTimeInterval(900)) == nil,
            "ends at its idle end")

        try await store.touchSignIn(tokenHash: session.tokenHash, at: almost)
        let touched = try await store.signInToken(tokenHash: session.tokenHash, now: now.addingTimeInterval(1000))
        try expect(touched?.lastSeenAt == almost, "a touch moves the idle end")
        try await store.touchSignIn(tokenHash: session.tokenHash, at: now.addingTimeInterval(10))
        try expect(
            try await store.signInToken(tokenHash: session.tokenHash, now: now)?.lastSeenAt == almost,
            "an older touch never moves the idle end back")

        let later = now.addingTimeInterval(12 * 3600)
        var stillUsed = almost
        while stillUsed < later {
            stillUsed = stillUsed.addingTimeInterval(600)
            try await store.touchSignIn(tokenHash: session.tokenHash, at: stillUsed)
        }
        try expect(
            try await store.signedIn(tokenHash: session.tokenHash, now: later) == nil,
            "a sign-in in use still ends at its absolute end")

        var idle = session
        idle.tokenHash = "t-\(UUID())"
        try await store.createSignIn(idle)
        let removed = try await store.deleteExpiredSignIns(now: now.addingTimeInterval(901))
        try expect(removed >= 1, "the sweep removes idle-ended sign-ins")
        try expect(
            try await store.signInToken(tokenHash: idle.tokenHash, now: now) == nil, "the idle one is gone for good")
    }

    static let secondFactors: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let account = clinic.clinicianA.id
        try expect(try await store.secondFactor(of: account) == nil, "none before enrolment")
        let factor = StoredSecondFactor(
            accountID: account, sealedSecret: Data([1, 2, 3]), enrolledAt: StorageClinic.now)
        try await expectStorageError(.notFound, "only the account itself enrols") {
            try await store.enrolSecondFactor(factor, recoveryCodeHashes: ["a"], by: clinic.asB)
        }
        let restricted = SignInToken(
            tokenHash: "t-\(UUID())", accountID: account, expiresAt: StorageClinic.now.addingTimeInterval(600),
            formToken: "csrf", createdAt: StorageClinic.now, enrolmentOnly: true)
        try await store.createSignIn(restricted)
        try await store.enrolSecondFactor(factor, recoveryCodeHashes: ["r1", "r2"], by: clinic.asA)
        try expect(try await store.secondFactor(of: account) == factor, "round-trips")
        try expect(
            try await store.signInToken(tokenHash: restricted.tokenHash, now: StorageClinic.now)?.enrolmentOnly
                == false, "enrolling lifts enrolment-only from the account's sign-ins")
        try expect(try await store.unusedRecoveryCodes(of: account) == 2, "two codes")

        try expect(try await store.spendTimeStep(100, of: account), "a new step is accepted")
        try expect(!(try await store.spendTimeStep(100, of: account)), "the same step is refused")
        try expect(!(try await store.spendTimeStep(99, of: account)), "an earlier step is refused")
        try expect(try await store.spendTimeStep(101, of: account), "the next step is accepted")
        try expect(!(try await store.spendTimeStep(500, of: clinic.clinicianB.id)), "no factor, no step")
        let racing = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { try await store.spendTimeStep(200, of: account) } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        try expect(racing == 1, "one code spent by racing requests works once (\(racing))")

        try expect(try await store.spendRecoveryCode(hash: "r1", of: account, by: clinic.asA), "a code works")
        try expect(!(try await store.spendRecoveryCode(hash: "r1", of: account, by: clinic.asA)), "once only")
        try expect(!(try await store.spendRecoveryCode(hash: "r2", of: clinic.clinicianB.id, by: clinic.asB)), "own")
        try expect(try await store.unusedRecoveryCodes(of: account) == 1, "one left")
        let actions = try await store.auditEntries(AuditQuery(accountID: account)).map(\.action)
        try expect(actions.contains(.secondFactorEnrol) && actions.contains(.recoveryCodeUse), "audited")

        try await store.enrolSecondFactor(factor, recoveryCodeHashes: ["r3"], by: clinic.asA)
        try expect(!(try await store.spendRecoveryCode(hash: "r2", of: account, by: clinic.asA)), "old codes end")
        try expect(try await store.unusedRecoveryCodes(of: account) == 1, "the new set")
    }

    static let secondFactorRemoval: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let account = clinic.clinicianA.id
        let factor = StoredSecondFactor(accountID: account, sealedSecret: Data([4, 5]), enrolledAt: StorageClinic.now)
        try await store.enrolSecondFactor(factor, recoveryCodeHashes: ["lost-1", "lost-2"], by: clinic.asA)
        func signIn(_ account: AccountID) async throws -> String {
            let token = SignInToken(
                tokenHash: "t-\(UUID())", accountID: account, expiresAt: StorageClinic.now.addingTimeInterval(600),
                formToken: "csrf", createdAt: StorageClinic.now)
            try await store.createSignIn(token)
            return token.tokenHash
        }
        let own = try await signIn(account)
        let other = try await signIn(clinic.clinicianB.id)
        for actor in [clinic.asA, clinic.asB] {
            try await expectStorageError(.notFound, "a clinician may not remove one, not even their own") {
                _ = try await store.removeSecondFactor(of: account, by: actor)
            }
        }
        try expect(try await store.secondFactor(of: account) == factor, "a refused removal changes nothing")
        let admin = try await store.createAccount(
            NewAccount(role: .admin, email: "admin-\(UUID())@clinic.test", name: "Admin", passwordHash: "h"),
            by: StorageClinic.system)
        let asAdmin = AuditActor(.admin(admin.id), origin: "127.0.0.1", at: StorageClinic.now)
        try await expectStorageError(.notFound, "a clinician may not list them") {
            _ = try await store.secondFactorHolders(by: clinic.asA)
        }
        let holders = try await store.secondFactorHolders(by: asAdmin)
        try expect(holders.map(\.id) == [account], "the one holder listed")
        try expect(holders.allSatisfy { $0.passwordHash == nil }, "without password hashes")
        try expect(try await store.removeSecondFactor(of: account, by: asAdmin), "an admin removes it")
        try expect(try await store.secondFactorHolders(by: asAdmin).isEmpty, "no holder left")
        try expect(try await store.secondFactor(of: account) == nil, "gone")
        try expect(try await store.unusedRecoveryCodes(of: account) == 0, "its recovery codes too")
        try expect(
            !(try await store.spendRecoveryCode(hash: "lost-1", of: account, by: clinic.asA)), "a recovery code ends")
        try expect(
            try await store.signInToken(tokenHash: own, now: StorageClinic.now) == nil, "the account's sign-ins end")
        try expect(
            try await store.signInToken(tokenHash: other, now: StorageClinic.now) != nil, "nobody else's do")
        try expect(!(try await store.removeSecondFactor(of: account, by: asAdmin)), "a second removal finds none")
        try expect(
            !(try await store.removeSecondFactor(of: account, by: StorageClinic.system)), "nor does the system")
        let notices = try await store.claimDueMail(now: StorageClinic.now, lease: 60, limit: 100).filter {
            $0.kind == .secondFactorRemoved
        }
        try expect(notices.count == 1, "one notice for the one removal, none for those that found nothing")
        try expect(
            notices.first?.recipientEmail == clinic.clinicianA.email && notices.first?.patientID == nil
                && notices.first?.stillApplies == true && notices.first?.language == "en",
            "the notice goes to the account itself, about no patient")
        try expect(try await store.outboxMail(notices[0].id).accountID == account, "and names the account")
        let entries = try await store.auditEntries(AuditQuery(accountID: admin.id))
        try expect(entries.filter { $0.action == .secondFactorRemove }.count == 1, "the removal audited once")
        let trail = try await store.auditTrail(AuditQuery(action: .secondFactorRemove), by: asAdmin)
        try expect(
            trail.map(\.entry.subjectAccountID) == [account] && trail.map(\.subjectEmail) == [clinic.clinicianA.email],
            "the entry names whose factor went")
        let added = try await store.auditTrail(AuditQuery(accountID: nil, action: .accountCreate), by: asAdmin)
        try expect(
            added.contains { $0.entry.subjectAccountID == admin.id && $0.subjectEmail == admin.email },
            "adding an account names the account added")
        try await store.enrolSecondFactor(factor, recoveryCodeHashes: ["new"], by: clinic.asA)
        try expect(try await store.secondFactor(of: account) != nil, "the account can enrol again")
    }

    static let secondFactorSetting: Case = { store in
        let clinic = try await StorageClinic.make(store)
        try await expectStorageError(.notFound, "a clinician may not change it") {
            try await store.setSecondFactorRequired(true, by: clinic.asA)
        }
        let admin = try await store.createAccount(
            NewAccount(role: .admin, email: "admin-\(UUID())@clinic.test", name: "Admin", passwordHash: "h"),
            by: StorageClinic.system)
        let asAdmin = AuditActor(.admin(admin.id), origin: "127.0.0.1", at: StorageClinic.now)
        try await store.setSecondFactorRequired(true, by: asAdmin)
        try expect(try await store.secondFactorRequired(), "now compulsory")
        try await store.setSecondFactorRequired(false, by: asAdmin)
        try expect(!(try await store.secondFactorRequired()), "optional again")
        let entries = try await store.auditEntries(AuditQuery(accountID: admin.id))
        try expect(entries.filter { $0.action == .secondFactorSetting }.count == 2, "each change audited")
    }
}
