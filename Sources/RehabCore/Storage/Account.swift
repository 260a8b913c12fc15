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

/// A patient's invite as the store keeps it: only a hash of the code, and when it stops working.
public struct NewInvite: Sendable, Equatable {
    /// The SHA-256 of the normalised code; the code itself goes to the clinician once.
    public var codeHash: String
    /// When the code stops working.
    public var expiresAt: Date

    /// Makes an invite.
    public init(codeHash: String, expiresAt: Date) {
        self.codeHash = codeHash
        self.expiresAt = expiresAt
    }
}
