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
public struct AuditActor: Sendable, Equatable {
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
