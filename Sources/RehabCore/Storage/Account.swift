import Foundation

/// What an account may do.
public enum AccountRole: String, Codable, CaseIterable, Sendable {
    /// Runs the installation: adds clinicians.
    case admin
    /// Sees and prescribes for their own patients.
    case clinician
    /// Sees their own program and logs their own data.
    case patient
}

/// A login. The password is stored only as a self-describing hash made by the web layer's hasher.
public struct Account: Codable, Hashable, Sendable {
    /// The id.
    public var id: AccountID
    /// The role.
    public var role: AccountRole
    /// The email as entered; unique regardless of letter case.
    public var email: String
    /// The display name.
    public var name: String
    /// The password hash (bcrypt, `$2b$12$…`), nil for a patient who has not claimed their invite yet.
    public var passwordHash: String?
    /// When the account was made.
    public var createdAt: Date

    /// Makes an account value.
    public init(
        id: AccountID, role: AccountRole, email: String, name: String, passwordHash: String?, createdAt: Date
    ) {
        self.id = id
        self.role = role
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A request to add an administrator or clinician account.
public struct NewAccount: Sendable {
    /// The id to use.
    public var id: AccountID
    /// The role.
    public var role: AccountRole
    /// The email; compared without regard to letter case.
    public var email: String
    /// The display name.
    public var name: String
    /// The password hash, already made.
    public var passwordHash: String?

    /// Makes a request.
    public init(id: AccountID = .generate(), role: AccountRole, email: String, name: String, passwordHash: String?) {
        self.id = id
        self.role = role
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
    }
}

/// A patient under the care of one clinician, with the patient's own login.
public struct Patient: Codable, Hashable, Sendable {
    /// The id.
    public var id: PatientID
    /// The patient's login.
    public var accountID: AccountID
    /// The clinician who owns this patient; only they see them.
    public var clinicianID: AccountID
    /// The patient's name.
    public var name: String
    /// The patient's email.
    public var email: String
    /// The surgery the program is built around.
    public var surgery: Surgery
    /// The phase a clinician confirmed, when any.
    public var confirmedPhase: String?
    /// When the patient was added.
    public var createdAt: Date

    /// Makes a patient value.
    public init(
        id: PatientID, accountID: AccountID, clinicianID: AccountID, name: String, email: String, surgery: Surgery,
        confirmedPhase: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.clinicianID = clinicianID
        self.name = name
        self.email = email
        self.surgery = surgery
        self.confirmedPhase = confirmedPhase
        self.createdAt = createdAt
    }
}

/// A request to add a patient: makes the patient's account (no password yet) with a one-time invite code.
public struct NewPatient: Sendable {
    /// The patient id to use.
    public var id: PatientID
    /// The patient's account id to use.
    public var accountID: AccountID
    /// The owning clinician.
    public var clinicianID: AccountID
    /// The name.
    public var name: String
    /// The email; unique among accounts regardless of letter case.
    public var email: String
    /// The surgery.
    public var surgery: Surgery
    /// A hash of the invite code (the code itself is shown once and never stored).
    public var inviteCodeHash: String
    /// When the invite stops working.
    public var inviteExpiresAt: Date
    /// The first plan revision, stored in the same transaction as the patient (so no patient is ever left
    /// without the program they were given).
    public var firstPlan: PlanDraft?

    /// Makes a request.
    public init(
        id: PatientID = .generate(), accountID: AccountID = .generate(), clinicianID: AccountID, name: String,
        email: String, surgery: Surgery, inviteCodeHash: String, inviteExpiresAt: Date, firstPlan: PlanDraft? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.clinicianID = clinicianID
        self.name = name
        self.email = email
        self.surgery = surgery
        self.inviteCodeHash = inviteCodeHash
        self.inviteExpiresAt = inviteExpiresAt
        self.firstPlan = firstPlan
    }

    /// The patient's account as the stores create it at `at` (no password until the invite is claimed).
    public func account(at: Date) -> Account {
        Account(id: accountID, role: .patient, email: email, name: name, passwordHash: nil, createdAt: at)
    }

    /// The patient as the stores create it at `at`.
    public func patient(at: Date) -> Patient {
        Patient(
            id: id, accountID: accountID, clinicianID: clinicianID, name: name, email: email, surgery: surgery,
            createdAt: at)
    }
}
