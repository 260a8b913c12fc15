import Foundation
import RehabAuth
import RehabCore

/// Signing in, claiming an invite and signing out: the rules shared by the API and the pages.
struct SignIn: Sendable {
    let store: any RehabStore
    let passwords: PasswordService
    let throttle: SignInThrottle
    let signedIn: SignedInCache
    let configuration: WebConfiguration
    let secondFactors: SecondFactors

    /// A new session for the account: the raw token (given to the client once) and the stored session.
    struct Started: Sendable {
        let token: String
        let session: SignInToken
        let account: Account
    }

    /// Checks an email, password and, for an account with a second factor, its code (or a recovery code); 401
    /// on any mismatch ("second-factor-required" when the code is missing), 429 after too many failures.
    func signIn(email: String, password: String, code: String? = nil, from address: String) async throws -> Started {
        let account = try await checkPassword(email: email, password: password, from: address)
        return try await finish(account, code: code, from: address)
    }

    /// The account whose email and password these are: the first step of signing in. 401 on any mismatch, 429
    /// after too many failures; a success clears the failures of the address and account pair.
    func checkPassword(email: String, password: String, from address: String) async throws -> Account {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !email.isEmpty else { throw WebError.invalid("email", "is empty") }
        guard !password.isEmpty else { throw WebError.invalid("password", "is empty") }
        let now = configuration.now()
        // Failures count per address and account together, so a stranger's wrong guesses never lock the owner
        // out from elsewhere, and per address alone (with more room) against guessing across many accounts.
        let pair = SignInThrottle.Key(name: "pair:\(address) \(email)", limit: throttle.limit)
        let keys = [pair, SignInThrottle.Key(name: "address:" + address, limit: throttle.limit * 4)]
        if let wait = await throttle.retryAfter(keys, now: now) { throw WebError.throttled(retryAfter: wait) }
        let account = try await store.account(email: email)
        guard try await passwords.verify(password, against: account?.passwordHash), let account else {
            await throttle.fail(keys, now: now)
            throw WebError(.unauthorized, code: "bad-credentials", message: "The email or password is not right.")
        }
        await throttle.succeed(pair)
        return account
    }

    /// The second step of signing in, after the password: an account with a second factor needs its code (or one
    /// of its recovery codes); a clinician or admin without one, when the clinic makes it compulsory, gets a
    /// sign-in that can only enrol one.
    func finish(_ account: Account, code: String?, from address: String) async throws -> Started {
        guard account.role != .patient else { return try await start(account) }
        guard let factor = try await store.secondFactor(of: account.id) else {
            return try await start(account, enrolmentOnly: try await store.secondFactorRequired())
        }
        guard let code, !code.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WebError(
                .unauthorized, code: "second-factor-required",
                message: "Type the 6-digit code from your authenticator app, or one of your recovery codes.",
                field: "code")
        }
        try await secondFactors.check(code, for: factor, account: account, from: address, throttle: throttle)
        return try await start(account)
    }
    /// Activates a patient's account from an invite code and a new password.
    func claim(code: String, password: String, from address: String) async throws -> Started {
        let normalized = InviteCode.normalize(code)
        guard !normalized.isEmpty else { throw WebError.invalid("inviteCode", "is empty") }
        if let problem = PasswordHasher.problem(with: password) { throw WebError.invalid("password", problem) }
        let now = configuration.now()
        // Invite guesses count on their own: a neighbour's mistyped passwords never stop a patient claiming.
        let keys = [SignInThrottle.Key(name: "claim-address:" + address, limit: throttle.limit)]
        if let wait = await throttle.retryAfter(keys, now: now) { throw WebError.throttled(retryAfter: wait) }
        let hash = try await passwords.hash(password)
        do {
            let account = try await store.claimInvite(
                codeHash: TokenHash.sha256(normalized), passwordHash: hash,
                by: AuditActor(.system, origin: address, at: now))
            return try await start(account)
        } catch let error as StorageError where error.code == .notFound {
            await throttle.fail(keys, now: now)
            throw WebError(
                .notFound, code: "invite-not-found",
                message: "This invite code is not valid. It may be mistyped, used already, or too old.",
                field: "inviteCode")
        }
    }

    /// Forgets the cached answer for a session whose patient just changed (their language), so the next request
    /// reads it again.
    func refreshed(_ identity: Identity) {
        signedIn.forget(tokenHash: identity.session.tokenHash)
    }

    /// Ends a session.
    func signOut(_ identity: Identity) async throws {
        try await store.deleteSignIn(tokenHash: identity.session.tokenHash)
        signedIn.forget(tokenHash: identity.session.tokenHash)
    }

    private func start(_ account: Account, enrolmentOnly: Bool = false) async throws -> Started {
        let token = TokenHash.random()
        let now = configuration.now()
        let lifetime = configuration.lifetime(of: account.role)
        let session = SignInToken(
            tokenHash: TokenHash.sha256(token), accountID: account.id,
            expiresAt: now.addingTimeInterval(lifetime.absolute), formToken: TokenHash.random(bytes: 24),
            createdAt: now, idleSeconds: Int(lifetime.idle), enrolmentOnly: enrolmentOnly)
        try await store.createSignIn(session)
        return Started(token: token, session: session, account: account)
    }
}

/// Invite codes: ten characters from an alphabet without look-alikes, shown as `ABCDE-FGHJK`.
enum InviteCode {
    /// A fresh code with its hash (all the store keeps) and the moment it stops working.
    struct Issued: Sendable {
        let code: String
        let expires: Date
        var hash: String { TokenHash.sha256(InviteCode.normalize(code)) }
    }

    /// Issues a code that works for `lifetime` from `now`.
    static func issue(now: Date, lifetime: TimeInterval) -> Issued {
        Issued(code: make(), expires: now.addingTimeInterval(lifetime))
    }

    static let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")

    /// A fresh code.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(letters[0..<5]) + "-" + String(letters[5...])
    }

    /// The code as typed, upper-cased, with spaces and dashes removed.
    static func normalize(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}
