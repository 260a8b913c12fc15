import Foundation

/// A sign-in shared by every server instance through the database.
public struct SignInToken: Sendable, Equatable {
    /// A hash of the cookie or bearer token (the token itself is never stored).
    public var tokenHash: String
    /// The signed-in account.
    public var accountID: AccountID
    /// When it stops working.
    public var expiresAt: Date
    /// A second secret of the sign-in that its forms must echo (the web layer uses it against cross-site requests).
    public var formToken: String
    /// When it was made.
    public var createdAt: Date
    /// When it was last used, as recorded (the web layer records it coarsely, not on every request).
    public var lastSeenAt: Date
    /// Whole seconds without use after which it ends, however long `expiresAt` is away.
    public var idleSeconds: Int
    /// True while the account must enrol a second factor before doing anything else (the clinic made it
    /// compulsory and the account had none when it signed in).
    public var enrolmentOnly: Bool

    /// Makes a session; without an idle limit it ends only at `expiresAt`.
    public init(
        tokenHash: String, accountID: AccountID, expiresAt: Date, formToken: String, createdAt: Date,
        lastSeenAt: Date? = nil, idleSeconds: Int? = nil, enrolmentOnly: Bool = false
    ) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.expiresAt = expiresAt
        self.formToken = formToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt ?? createdAt
        self.idleSeconds = idleSeconds ?? max(0, Int(expiresAt.timeIntervalSince(createdAt).rounded(.up)))
        self.enrolmentOnly = enrolmentOnly
    }

    /// When it ends if it is not used again.
    public var idleEndsAt: Date { lastSeenAt.addingTimeInterval(TimeInterval(idleSeconds)) }

    /// When it ends at the latest: its idle end or its absolute end, whichever is first.
    public var endsAt: Date { min(idleEndsAt, expiresAt) }

    /// Whether it still signs someone in at `now`.
    public func isLive(at now: Date) -> Bool { endsAt > now }
}

/// Who a web token signs in: the session, its account and, for a patient account, the patient.
public struct SignedIn: Sendable, Equatable {
    /// The sign-in.
    public var session: SignInToken
    /// The signed-in account.
    public var account: Account
    /// The patient, when the account is a patient's.
    public var patient: Patient?

    /// Makes the answer.
    public init(session: SignInToken, account: Account, patient: Patient?) {
        self.session = session
        self.account = account
        self.patient = patient
    }
}
