import Foundation
import RehabCore

/// The one conformance suite both storage engines run: each case gets a fresh store from the engine's test
/// target and throws `ConformanceFailure` when the store breaks the repository contract.
public enum StorageConformance {
    /// A case: a name for the test report and the check itself.
    public typealias Case = @Sendable (any RehabStore) async throws -> Void

    /// Every case by name; test targets parameterise over `names`.
    public static let cases: [String: Case] = [
        "accounts": accounts, "invites": invites, "visibility": visibility, "planRevisionChain": planRevisionChain,
        "recordSession": recordSession, "idempotency": idempotency, "concurrentSessions": concurrentSessions,
        "concurrentRetriesOfOneKey": concurrentRetriesOfOneKey,
        "concurrentCreatesWithOneKey": concurrentCreatesWithOneKey,
        "reviewSeesTheWholeRecord": reviewSeesTheWholeRecord,
        "failingWriteStoresNothing": failingWriteStoresNothing, "unicodeAndLargeNotes": unicodeAndLargeNotes,
        "checkInsAndAlerts": checkInsAndAlerts, "questionnairesAndMeasurements": questionnairesAndMeasurements,
        "measurementStrikes": measurementStrikes, "episodes": episodes, "timeLog": timeLog,
        "patientListOrder": patientListOrder, "worklistDanger": worklistDanger, "auditLog": auditLog,
        "signIns": signIns, "passwordChange": passwordChange, "endSignIns": endSignIns,
        "inviteReissue": inviteReissue,
        "errorsCarryNoPatientData": errorsCarryNoPatientData, "programChanges": programChanges,
        "repeatedDosesStoreNoRevision": repeatedDosesStoreNoRevision,
        "reviewSeesWritesBetweenSessions": reviewSeesWritesBetweenSessions, "messages": messages,
        "outbox": outbox, "auditTrail": auditTrail, "patientLanguage": patientLanguage, "export": export,
        "signInIdleEnd": signInIdleEnd, "secondFactors": secondFactors, "secondFactorSetting": secondFactorSetting,
        "secondFactorRemoval": secondFactorRemoval,
    ]

    /// The case names, sorted.
    public static var names: [String] { cases.keys.sorted() }

    /// Runs one case against `store`.
    public static func run(_ name: String, on store: any RehabStore) async throws {
        guard let body = cases[name] else { throw ConformanceFailure(message: "no case \(name)", line: #line) }
        try await body(store)
    }

    // MARK: - Accounts

    static let accounts: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let found = try await store.account(clinic.clinicianA.id)
        try expect(found == clinic.clinicianA, "account round-trips")
        let byEmail = try await store.account(email: clinic.clinicianA.email.uppercased())
        try expect(byEmail?.id == clinic.clinicianA.id, "email lookup ignores case")
        try await expectStorageError(.emailInUse, "email unique regardless of case") {
            _ = try await store.createAccount(
                NewAccount(
                    role: .admin, email: " " + clinic.clinicianB.email.uppercased(), name: "X", passwordHash: nil),
                by: StorageClinic.system)
        }
        try await expectStorageError(.notFound, "unknown account") { _ = try await store.account(.generate()) }
        try await store.setPasswordHash("new-hash", for: clinic.clinicianA.id, by: clinic.asA)
        try expect(try await store.account(clinic.clinicianA.id).passwordHash == "new-hash", "password replaced")
        try expect(try await store.account(email: "nobody-\(UUID())@x.test") == nil, "unknown email is nil")
    }

    static let invites: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let new = StorageClinic.newPatient(clinic.clinicianA.id, "Cleo", "cleo-\(UUID())@example.test")
        let patient = try await store.createPatient(new, by: clinic.asA)
        try expect(try await store.account(patient.accountID).passwordHash == nil, "unclaimed has no password")
        try expect(try await store.account(patient.accountID).role == .patient, "patient role")
        try await expectStorageError(.notFound, "wrong code") {
            _ = try await store.claimInvite(codeHash: "nope", passwordHash: "p", by: StorageClinic.system)
        }
        let late = AuditActor(.system, origin: "t", at: new.inviteExpiresAt.addingTimeInterval(1))
        try await expectStorageError(.notFound, "expired code") {
            _ = try await store.claimInvite(codeHash: new.inviteCodeHash, passwordHash: "p", by: late)
        }
        let claimed = try await store.claimInvite(
            codeHash: new.inviteCodeHash, passwordHash: "p", by: StorageClinic.system)
        try expect(claimed.id == patient.accountID && claimed.passwordHash == "p", "claim sets the password")
        try await expectStorageError(.notFound, "a code works once") {
            _ = try await store.claimInvite(codeHash: new.inviteCodeHash, passwordHash: "q", by: StorageClinic.system)
        }
        try expect(try await store.patient(account: patient.accountID).id == patient.id, "patient by account")
        try await expectStorageError(.notFound, "patients need a clinician owner") {
            _ = try await store.createPatient(
                StorageClinic.newPatient(.generate(), "X", "x-\(UUID())@example.test"), by: StorageClinic.system)
        }
    }

    static let visibility: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        try expect(try await store.patient(a, by: clinic.asA) == clinic.patientA, "owner sees patient")
        try expect(try await store.patient(a, by: clinic.asPatientA).id == a, "patient sees self")
        try await expectStorageError(.notFound, "other clinician") { _ = try await store.patient(a, by: clinic.asB) }
        try await expectStorageError(.notFound, "record") { _ = try await store.record(of: a, by: clinic.asB) }
        try await expectStorageError(.notFound, "sessions") { _ = try await store.sessions(of: a, by: clinic.asB) }
        try await expectStorageError(.notFound, "alerts") { _ = try await store.alerts(of: a, by: clinic.asB) }
        try await expectStorageError(.notFound, "plans") { _ = try await store.planRevisions(of: a, by: clinic.asB) }
        try await expectStorageError(.notFound, "patient sees only self") {
            _ = try await store.patient(clinic.patientB.id, by: clinic.asPatientA)
        }
        try await expectStorageError(.notFound, "write to another's patient") {
            _ = try await store.recordSession(
                SessionWrite(patientID: a, session: StorageClinic.session(day: 3)), idempotency: nil, by: clinic.asB,
                review: { _ in nil }, respond: StorageClinic.respond)
        }
        let listB = try await store.patients(
            PatientListQuery(
                clinicianID: clinic.clinicianB.id, policy: StorageClinic.policy, asOf: .init(dayNumber: 20_400)))
        try expect(listB.map(\.id) == [clinic.patientB.id], "B's list holds only B's patient")
        let admin = AuditActor(.admin(.generate()), origin: "t", at: StorageClinic.now)
        try await expectStorageError(.notFound, "admin sees no health data") {
            _ = try await store.patient(a, by: admin)
        }
    }

    static let planRevisionChain: Case = { store in
        let clinic = try await StorageClinic.make(store)
        let a = clinic.patientA.id
        let plan = try StorageClinic.engine().plan(
            for: clinic.patientA.surgery, on: StorageClinic.surgeryDate.adding(days: 5))
        try expect(try await store.currentPlanRevision(of: a, by: clinic.asA) == nil, "no plan before the first")
        let first = PlanDraft(
            effectiveDate: plan.date, author: .clinician(clinic.clinicianA.id), reason: "start", plan: plan)
        let r1 = try await store.appendPlanRevision(first, for: a, expectedPrevious: nil, by: clinic.asA)
        try expect(r1.number == 1 && r1.previous == nil, "first revision")
        var second = first
        second.author = .rule("pain-monitor")
        second.reason = "held for pain — ¡ojo!"
        let r2 = try await store.appendPlanRevision(second, for: a, expectedPrevious: 1, by: clinic.asA)
        try expect(r2.number == 2 && r2.previous == 1, "second links to first")
        try await expectStorageError(.conflict, "stale expected revision") {
            _ = try await store.appendPlanRevision(second, for: a, expectedPrevious: 1, by: clinic.asA)
        }
        let all = try await store.planRevisions(of: a, by: clinic.asA)
        try expect(all == [r1, r2], "revisions round-trip in order")
        try expect(try await store.currentPlanRevision(of: a, by: clinic.asPatientA) == r2, "current is newest")
        // A patient created with their first plan has it as revision 1, from the same transaction.
        var new = StorageClinic.newPatient(clinic.clinicianA.id, "Ines", "ines-\(UUID())@example.test")
        new.firstPlan = first
        let ines = try await store.createPatient(new, by: clinic.asA)
        let started = try await store.planRevisions(of: ines.id, by: clinic.asA)
        try expect(started.map(\.number) == [1] && started.first?.reason == "start", "created with revision 1")
        let actions = try await store.auditEntries(AuditQuery(patientID: ines.id)).map(\.action)
        try expect(actions.contains(.patientCreate) && actions.contains(.planRevise), "both audited")
        // A first plan that cannot be stored (JSON has no NaN) takes the patient and their account with it.
        var unstorable = StorageClinic.newPatient(clinic.clinicianA.id, "Jo", "jo-\(UUID())@example.test")
        unstorable.firstPlan = first
        unstorable.firstPlan?.plan.exercises[0].loadKg = .nan
        try await expectStorageError(.invalid, "plan cannot be encoded") {
            _ = try await store.createPatient(unstorable, by: clinic.asA)
        }
        try expect(try await store.account(email: unstorable.email) == nil, "no account left behind")
        try await expectStorageError(.notFound, "no patient left behind") {
            _ = try await store.patient(unstorable.id, by: clinic.asA)
        }
    }
}
