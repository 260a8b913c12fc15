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

    /// A new session for the account: the raw token (given to the client once) and the stored session.
    struct Started: Sendable {
        let token: String
        let session: WebSession
        let account: Account
    }

    /// Checks an email and password; 401 on any mismatch, 429 after too many failures.
    func signIn(email: String, password: String, from address: String) async throws -> Started {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !email.isEmpty else { throw WebError.invalid("email", "is empty") }
        guard !password.isEmpty else { throw WebError.invalid("password", "is empty") }
        let now = configuration.now()
        let keys = ["email:" + email, "address:" + address]
        if let wait = await throttle.retryAfter(keys, now: now) {
            throw WebError(
                .tooManyRequests, code: "throttled",
                message: "Too many tries. Please wait \(max(1, wait / 60)) minutes and try again.")
        }
        let account = try await store.account(email: email)
        guard try await passwords.verify(password, against: account?.passwordHash), let account else {
            await throttle.fail(keys, now: now)
            throw WebError(.unauthorized, code: "bad-credentials", message: "The email or password is not right.")
        }
        await throttle.succeed("email:" + email)
        return try await start(account)
    }

    /// Activates a patient's account from an invite code and a new password.
    func claim(code: String, password: String, from address: String) async throws -> Started {
        let normalized = InviteCode.normalize(code)
        guard !normalized.isEmpty else { throw WebError.invalid("inviteCode", "is empty") }
        if let problem = PasswordHasher.problem(with: password) { throw WebError.invalid("password", problem) }
        let now = configuration.now()
        let keys = ["address:" + address]
        if await throttle.retryAfter(keys, now: now) != nil {
            throw WebError(.tooManyRequests, code: "throttled", message: "Too many tries. Please wait and try again.")
        }
        let hash = try await passwords.hash(password)
        do {
            let account = try await store.claimInvite(
                codeHash: TokenHash.sha256(normalized), passwordHash: hash,
                by: Actor(.system, origin: address, at: now))
            return try await start(account)
        } catch let error as StorageError where error.code == .notFound {
            await throttle.fail(keys, now: now)
            throw WebError(
                .notFound, code: "invite-not-found",
                message: "This invite code is not valid. It may be mistyped, used already, or too old.",
                field: "inviteCode")
        }
    }

    /// Ends a session.
    func signOut(_ identity: Identity) async throws {
        try await store.deleteWebSession(tokenHash: identity.session.tokenHash)
        signedIn.forget(tokenHash: identity.session.tokenHash)
    }

    private func start(_ account: Account) async throws -> Started {
        let token = TokenHash.random()
        let now = configuration.now()
        let session = WebSession(
            tokenHash: TokenHash.sha256(token), accountID: account.id,
            expiresAt: now.addingTimeInterval(configuration.sessionLifetime), csrfToken: TokenHash.random(bytes: 24),
            createdAt: now)
        try await store.createWebSession(session)
        return Started(token: token, session: session, account: account)
    }
}

/// Invite codes: ten characters from an alphabet without look-alikes, shown as `ABCDE-FGHJK`.
enum InviteCode {
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
