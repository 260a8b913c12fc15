import Foundation
import RehabAuth
import RehabCore

/// TOTP second factors for clinicians and admins: offering a secret, confirming it with a code, checking codes at
/// sign-in (throttled like passwords, a code never accepted twice) and recovery codes.
///
/// Secrets are stored sealed (AES-GCM) under a key from `--second-factor-key-file` when given, so a copy of the
/// database alone cannot make codes; otherwise under a key kept in the database (then a full copy of it holds
/// both). They are never logged, mailed or sent back once enrolled.
struct SecondFactors: Sendable {
    let store: any RehabStore
    let configuration: WebConfiguration

    /// The name authenticator apps show above the account.
    static let issuer = "KneeRehab"
    /// How long the code step of a page sign-in waits after the password.
    static let pendingLifetime: TimeInterval = 300

    /// A secret on offer: shown to the person with the address their app reads, kept by nobody until confirmed.
    struct Offer: Encodable, Sendable {
        let secret: String
        let uri: String
    }

    /// A fresh secret for `account` to add to their authenticator app.
    func offer(for account: Account) -> Offer {
        let totp = TOTP(secret: TOTP.freshSecret())
        return Offer(secret: Base32.encode(totp.secret), uri: totp.uri(account: account.email, issuer: Self.issuer))
    }

    /// The same offer again (after a mistyped code), or a fresh one when `secret` is not base32.
    func offer(again secret: String, for account: Account) -> Offer {
        guard let bytes = Base32.decode(secret), bytes.count >= 16 else { return offer(for: account) }
        return Offer(
            secret: Base32.encode(bytes), uri: TOTP(secret: bytes).uri(account: account.email, issuer: Self.issuer))
    }

    /// Checks a confirming code against an offered secret and returns the secret sealed for storage with the step
    /// of the code (so that code cannot be used again to sign in); 422 naming the field otherwise.
    func confirm(secret: String, code: String) async throws -> StoredSecondFactorDraft {
        guard let bytes = Base32.decode(secret), bytes.count >= 16 else {
            throw WebError.invalid("secret", "is not a secret this server offered")
        }
        guard let step = TOTP(secret: bytes).matchingStep(code, at: configuration.now()) else {
            throw WebError.invalid(
                "code", "is not the code your app shows now; check that the phone's clock is right and try again")
        }
        return StoredSecondFactorDraft(sealedSecret: try await sealer().seal(bytes), step: step)
    }

    /// A sealed secret and the step of its confirming code.
    struct StoredSecondFactorDraft: Sendable {
        let sealedSecret: Data
        let step: Int64
    }

    /// Checks a sign-in's code, or recovery code, for `account`; 401 "bad-second-factor" when it is wrong or was
    /// used already, 429 after too many failures for the account or the address.
    func check(
        _ code: String, for factor: StoredSecondFactor, account: Account, from address: String,
        throttle: SignInThrottle
    ) async throws {
        let now = configuration.now()
        let mine = SignInThrottle.Key(name: "second-factor:\(account.id)", limit: throttle.limit)
        let keys = [mine, SignInThrottle.Key(name: "address:" + address, limit: throttle.limit * 4)]
        if let wait = await throttle.retryAfter(keys, now: now) { throw WebError.throttled(retryAfter: wait) }
        let typed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let accepted: Bool
        if typed.contains(where: \.isLetter) {
            let actor = AuditActor(
                account.role == .admin ? .admin(account.id) : .clinician(account.id), origin: address, at: now)
            accepted = try await store.spendRecoveryCode(hash: RecoveryCode.hash(typed), of: account.id, by: actor)
        } else if let step = TOTP(secret: try await sealer().open(factor.sealedSecret)).matchingStep(typed, at: now) {
            accepted = try await store.spendTimeStep(step, of: account.id)
        } else {
            accepted = false
        }
        guard accepted else {
            await throttle.fail(keys, now: now)
            throw WebError(
                .unauthorized, code: "bad-second-factor", message: "That code is not right, or it was used already.",
                field: "code")
        }
        await throttle.succeed(mine)
    }

    /// A token for the code step of a page sign-in: it names the account whose password was right and stops
    /// working after `pendingLifetime`.
    func pendingToken(for account: AccountID) async throws -> String {
        let until = Int(configuration.now().addingTimeInterval(Self.pendingLifetime).timeIntervalSince1970)
        return try await pendingLink().token(for: "\(account)_\(until)")
    }

    /// The account a code-step token names, while it works.
    func pendingAccount(_ token: String) async throws -> AccountID? {
        guard let subject = try await pendingLink().subject(of: token) else { return nil }
        let parts = subject.split(separator: "_")
        guard parts.count == 2, let until = Double(parts[1]),
            Date(timeIntervalSince1970: until) > configuration.now()
        else { return nil }
        return AccountID(uuidString: String(parts[0]))
    }

    private func pendingLink() async throws -> SignedLink {
        SignedLink(
            key: try await store.serverKey(named: "second-factor-pending", fresh: SignedLink.freshKey()),
            purpose: "second-factor-pending")
    }

    private func sealer() async throws -> SecretSealer {
        if let key = configuration.secondFactorKey { return SecretSealer(key: key) }
        return SecretSealer(
            key: try await store.serverKey(named: "second-factor-secrets", fresh: SignedLink.freshKey()))
    }
}

extension SignIn {
    /// Enrols the signed-in clinician's or admin's second factor from an offered secret and a code their app shows;
    /// returns the fresh recovery codes (shown once). Their sign-ins may then do everything again.
    func enrolSecondFactor(secret: String, code: String, for identity: Identity, from address: String) async throws
        -> [String]
    {
        guard identity.account.role != .patient else { throw WebError.forbidden }
        let draft = try await secondFactors.confirm(secret: secret, code: code)
        let codes = RecoveryCode.make()
        let now = configuration.now()
        try await store.enrolSecondFactor(
            StoredSecondFactor(
                accountID: identity.account.id, sealedSecret: draft.sealedSecret, enrolledAt: now,
                lastStep: draft.step),
            recoveryCodeHashes: codes.map(RecoveryCode.hash), by: identity.actor(at: now, origin: address))
        signedIn.forget(account: identity.account.id)
        return codes
    }
}
