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
    /// The status the door that made the answer gave it (the web app: an HTTP status); the store keeps it opaque.
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
