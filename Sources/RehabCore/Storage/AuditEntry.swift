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

    /// Makes an entry.
    public init(
        id: AuditEntryID = .generate(), accountID: AccountID?, action: AuditAction, patientID: PatientID?, at: Date,
        origin: String
    ) {
        self.id = id
        self.accountID = accountID
        self.action = action
        self.patientID = patientID
        self.at = at
        self.origin = origin
    }

    /// An entry for `actor` doing `action`.
    public init(_ actor: AuditActor, _ action: AuditAction, patient: PatientID?) {
        self.init(accountID: actor.accountID, action: action, patientID: patient, at: actor.at, origin: actor.origin)
    }
}

/// Which audit entries to list, newest first.
public struct AuditQuery: Sendable {
    /// Only this patient's, when set.
    public var patientID: PatientID?
    /// Only this account's, when set.
    public var accountID: AccountID?
    /// At most this many.
    public var limit: Int

    /// Makes a query.
    public init(patientID: PatientID? = nil, accountID: AccountID? = nil, limit: Int = 100) {
        self.patientID = patientID
        self.accountID = accountID
        self.limit = limit
    }
}
