import Foundation

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
    /// The end of the episode of care, while the patient is discharged.
    public var discharge: Discharge?
    /// The language the patient chose for their pages and plan; nil follows the browser's.
    public var language: Language?

    /// Makes a patient value.
    public init(
        id: PatientID, accountID: AccountID, clinicianID: AccountID, name: String, email: String, surgery: Surgery,
        confirmedPhase: String? = nil, createdAt: Date, discharge: Discharge? = nil, language: Language? = nil
    ) {
        self.discharge = discharge
        self.language = language
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
