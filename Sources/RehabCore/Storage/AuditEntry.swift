import Foundation

/// One line of the append-only audit log: who did what to whose data, when, from where.
public struct AuditEntry: Sendable, Equatable {
    /// The id.
    public var id: AuditEntryID
    /// Who.
    public var accountID: AccountID?
    /// What was done.
    public var action: AuditAction
    /// Whose data, when a patient's.
    public var patientID: PatientID?
    /// When.
    public var at: Date
    /// From where.
    public var origin: String
    /// The account acted on, when the action is about an account (one added, a second factor removed).
    public var subjectAccountID: AccountID?

    /// Makes an entry.
    public init(
        id: AuditEntryID = .generate(), accountID: AccountID?, action: AuditAction, patientID: PatientID?, at: Date,
        origin: String, subjectAccountID: AccountID? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.action = action
        self.patientID = patientID
        self.at = at
        self.origin = origin
        self.subjectAccountID = subjectAccountID
    }

    /// An entry for `actor` doing `action`, about `subject` when it is an account's.
    public init(_ actor: AuditActor, _ action: AuditAction, patient: PatientID?, subject: AccountID? = nil) {
        self.init(
            accountID: actor.accountID, action: action, patientID: patient, at: actor.at, origin: actor.origin,
            subjectAccountID: subject)
    }
}

/// Which audit entries to list, newest first.
public struct AuditQuery: Sendable {
    /// Only this patient's, when set.
    public var patientID: PatientID?
    /// Only this account's, when set.
    public var accountID: AccountID?
    /// Only this action, when set.
    public var action: AuditAction?
    /// Only entries at or after this time, when set.
    public var from: Date?
    /// Only entries before this time, when set.
    public var until: Date?
    /// At most this many.
    public var limit: Int

    /// Makes a query.
    public init(
        patientID: PatientID? = nil, accountID: AccountID? = nil, action: AuditAction? = nil, from: Date? = nil,
        until: Date? = nil, limit: Int = 100
    ) {
        self.patientID = patientID
        self.accountID = accountID
        self.action = action
        self.from = from
        self.until = until
        self.limit = limit
    }
}

/// An audit entry with the names an admin reads it by: who (name, e-mail, role) and whose data (the patient's
/// name). The trail names people and actions, never health data.
public struct AuditTrailEntry: Sendable, Equatable {
    /// The entry.
    public var entry: AuditEntry
    /// The acting account's name, e-mail and role; nil for the system.
    public var accountName: String?
    /// The acting account's e-mail.
    public var accountEmail: String?
    /// The acting account's role.
    public var accountRole: AccountRole?
    /// The patient's name, when the entry is about a patient.
    public var patientName: String?
    /// The e-mail of the account acted on, when the entry is about an account.
    public var subjectEmail: String?

    /// Makes a value.
    public init(
        entry: AuditEntry, accountName: String?, accountEmail: String?, accountRole: AccountRole?,
        patientName: String?, subjectEmail: String? = nil
    ) {
        self.entry = entry
        self.accountName = accountName
        self.accountEmail = accountEmail
        self.accountRole = accountRole
        self.patientName = patientName
        self.subjectEmail = subjectEmail
    }
}
