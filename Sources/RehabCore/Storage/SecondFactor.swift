import Foundation

/// An account's second factor as stored: the TOTP secret sealed under a server key (never in the clear), when it
/// was enrolled, and the last time step a code was accepted for (a code is never accepted twice).
public struct StoredSecondFactor: Sendable, Equatable {
    /// The account it belongs to.
    public var accountID: AccountID
    /// The secret, sealed by the web layer; the store never sees it in the clear.
    public var sealedSecret: Data
    /// When it was enrolled.
    public var enrolledAt: Date
    /// The time step of the last accepted code (0 before any).
    public var lastStep: Int64

    /// Makes the record.
    public init(accountID: AccountID, sealedSecret: Data, enrolledAt: Date, lastStep: Int64 = 0) {
        self.accountID = accountID
        self.sealedSecret = sealedSecret
        self.enrolledAt = enrolledAt
        self.lastStep = lastStep
    }
}

/// Second factors, their recovery codes and the clinic's rule on whether staff must have one.
public protocol SecondFactorStore: Sendable {
    /// The account's second factor, nil when it has none.
    func secondFactor(of account: AccountID) async throws -> StoredSecondFactor?
    /// Enrols (or replaces) the account's second factor with fresh recovery codes (their hashes), in one
    /// transaction that also lifts "enrolment only" from the account's sign-ins; audited as `secondFactorEnrol`.
    /// Only the account itself (or the system) may; anyone else gets `notFound`.
    func enrolSecondFactor(_ factor: StoredSecondFactor, recoveryCodeHashes: [String], by actor: AuditActor)
        async throws
    /// Records that a code of time step `step` was accepted; false when a code of that step or a later one was
    /// accepted already (a replayed code), so two requests can never both spend one code.
    func spendTimeStep(_ step: Int64, of account: AccountID) async throws -> Bool
    /// Spends one recovery code by its hash; false when it is unknown or used already. Audited as
    /// `recoveryCodeUse` when it works.
    func spendRecoveryCode(hash: String, of account: AccountID, by actor: AuditActor) async throws -> Bool
    /// How many of the account's recovery codes are still unused.
    func unusedRecoveryCodes(of account: AccountID) async throws -> Int
    /// Removes the account's second factor and its recovery codes and ends every sign-in of the account, in one
    /// transaction, for a phone lost without its recovery codes: the account signs in with its password again and,
    /// where the clinic requires one, enrols anew. Audited as `secondFactorRemove`. Only an admin or the system
    /// may (anyone else gets `notFound`); false when the account has no second factor.
    func removeSecondFactor(of account: AccountID, by actor: AuditActor) async throws -> Bool
    /// The accounts with a second factor, by name, without their password hashes, for an admin choosing whose to
    /// remove; anyone but an admin or the system gets `notFound`.
    func secondFactorHolders(by actor: AuditActor) async throws -> [Account]
    /// Whether clinicians and admins must have a second factor.
    func secondFactorRequired() async throws -> Bool
    /// Sets whether clinicians and admins must have a second factor (an admin's act, audited as
    /// `secondFactorSetting`); anyone but an admin or the system gets `notFound`.
    func setSecondFactorRequired(_ required: Bool, by actor: AuditActor) async throws
}
