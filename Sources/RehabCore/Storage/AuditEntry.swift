import Foundation

/// Whose health data an actor may see; the stores enforce it in their queries.
public enum Access: Sendable, Hashable {
    /// The system itself (command line, jobs, tests): sees everything.
    case system
    /// An administrator: manages accounts, sees no patient's health data.
    case admin(AccountID)
    /// A clinician: sees only the patients they own.
    case clinician(AccountID)
    /// A patient: sees only themself.
    case patient(account: AccountID, patient: PatientID)

    /// The acting account, when there is one.
    public var accountID: AccountID? {
        switch self {
        case .system: nil
        case .admin(let id), .clinician(let id): id
        case .patient(let account, _): account
        }
    }
}

/// Who does a write or read, from where and when: the audit fields every repository call takes.
public struct Actor: Sendable, Equatable {
    /// What the actor may see.
    public var access: Access
    /// Where the request came from, e.g. a client address or `cli`.
    public var origin: String
    /// The time of the action, from the caller's injected clock.
    public var at: Date

    /// Makes an actor.
    public init(_ access: Access, origin: String, at: Date) {
        self.access = access
        self.origin = origin
        self.at = at
    }

    /// The acting account, when there is one.
    public var accountID: AccountID? { access.accountID }
}

/// One line of the append-only audit log: who did what to whose data, when, from where.
public struct AuditEntry: Sendable, Equatable {
    /// The id.
    public var id: AuditEntryID
    /// Who.
    public var accountID: AccountID?
    /// What, e.g. `session.create`, `record.read`.
    public var action: String
    /// Whose data, when a patient's.
    public var patientID: PatientID?
    /// When.
    public var at: Date
    /// From where.
    public var origin: String

    /// Makes an entry.
    public init(
        id: AuditEntryID = .generate(), accountID: AccountID?, action: String, patientID: PatientID?, at: Date,
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
    public init(_ actor: Actor, _ action: String, patient: PatientID?) {
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
