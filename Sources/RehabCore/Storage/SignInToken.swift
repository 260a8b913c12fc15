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

    /// Makes a session.
    public init(tokenHash: String, accountID: AccountID, expiresAt: Date, formToken: String, createdAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.expiresAt = expiresAt
        self.formToken = formToken
        self.createdAt = createdAt
    }
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
