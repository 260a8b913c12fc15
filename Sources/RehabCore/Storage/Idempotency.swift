import Foundation

/// An `Idempotency-Key` as a request brought it: the key, who sent it and a hash of the request body.
///
/// Same key and same hash → the stored response is returned and nothing new is stored; same key with another
/// hash → `conflict`. Keys are scoped to the account, so two users cannot collide.
public struct IdempotencyKey: Sendable, Hashable {
    /// The client's key.
    public var key: String
    /// The account that sent it.
    public var accountID: AccountID
    /// A hash of the method, path and body (the web layer's choice, stable across instances).
    public var requestHash: String

    /// Makes a key.
    public init(key: String, accountID: AccountID, requestHash: String) {
        self.key = key
        self.accountID = accountID
        self.requestHash = requestHash
    }
}

/// The response stored with an idempotency key and replayed on a retry.
public struct StoredResponse: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The body bytes.
    public var body: Data

    /// Makes a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// What a write that carries an idempotency key did.
public enum WriteOutcome<Value: Sendable>: Sendable {
    /// It stored something new; here is what, and the response stored with the key.
    case created(Value, StoredResponse?)
    /// The key was seen before with the same request: nothing was stored, here is the first response.
    case replayed(StoredResponse)

    /// What was stored, when the write stored something.
    public var created: Value? {
        if case .created(let value, _) = self { return value }
        return nil
    }
}

/// A web session shared by every server instance through the database.
public struct WebSession: Sendable, Equatable {
    /// A hash of the cookie or bearer token (the token itself is never stored).
    public var tokenHash: String
    /// The signed-in account.
    public var accountID: AccountID
    /// When it stops working.
    public var expiresAt: Date
    /// The token forms must echo.
    public var csrfToken: String
    /// When it was made.
    public var createdAt: Date

    /// Makes a session.
    public init(tokenHash: String, accountID: AccountID, expiresAt: Date, csrfToken: String, createdAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.expiresAt = expiresAt
        self.csrfToken = csrfToken
        self.createdAt = createdAt
    }
}

/// Who a web token signs in: the session, its account and, for a patient account, the patient.
public struct SignedIn: Sendable, Equatable {
    /// The web session.
    public var session: WebSession
    /// The signed-in account.
    public var account: Account
    /// The patient, when the account is a patient's.
    public var patient: Patient?

    /// Makes the answer.
    public init(session: WebSession, account: Account, patient: Patient?) {
        self.session = session
        self.account = account
        self.patient = patient
    }
}
