import Foundation
import RehabAuth
import RehabCore

/// Account care, shared by the API and the pages: a person's own new password, signing out everywhere, a
/// clinician's new invite for a patient who lost theirs, and an admin removing the second factor of someone who lost
/// their phone. Each ends sign-ins in the store and forgets them in this
/// instance's cache at once, so a token used just before the change is refused just after.
extension SignIn {
    /// An admin removes another account's second factor, for a phone lost without its recovery codes: the factor,
    /// its codes and every sign-in of the account end (404 when it has none, or the signed-in person is not an
    /// admin; 422 naming `id` for the admin's own, which they replace by enrolling again). The admin proves again
    /// who they are first (`proveAgain`), so a browser left signed in is not enough.
    func removeSecondFactor(
        of account: AccountID, by identity: Identity, proof: Proof, from address: String
    ) async throws {
        guard identity.account.role == .admin else { throw WebError.notFound }
        guard account != identity.account.id else {
            throw WebError.invalid("id", "is your own account: set up your second factor again to replace it")
        }
        try await proveAgain(identity, proof, from: address)
        guard
            try await store.removeSecondFactor(
                of: account, by: identity.actor(at: configuration.now(), origin: address))
        else { throw WebError.notFound }
        signedIn.forget(account: account)
    }

    /// An admin makes a second factor compulsory for staff, or optional again. Making it optional lowers every
    /// account's protection, so the admin proves again who they are first (`proveAgain`); making it compulsory, or
    /// saving the setting as it is, asks for nothing.
    func setSecondFactorRequired(
        _ required: Bool, by identity: Identity, proof: Proof, from address: String
    ) async throws {
        if !required, try await store.secondFactorRequired() { try await proveAgain(identity, proof, from: address) }
        try await store.setSecondFactorRequired(required, by: identity.actor(at: configuration.now(), origin: address))
    }

    /// What a signed-in person types to prove again who they are: the code from their authenticator app (or a
    /// recovery code) when they have a second factor, else their password.
    struct Proof: Decodable, Sendable {
        var code: String?
        var password: String?
    }

    /// Checks a `Proof` for the signed-in person, throttled as signing in is: 422 naming the field that is
    /// missing, 403 naming it when it is wrong, 429 after too many failures.
    func proveAgain(_ identity: Identity, _ proof: Proof, from address: String) async throws {
        if let factor = try await store.secondFactor(of: identity.account.id) {
            guard let code = proof.code, !code.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw WebError.invalid("code", "is empty: type the code your authenticator app shows now")
            }
            do {
                try await secondFactors.check(
                    code, for: factor, account: identity.account, from: address, throttle: throttle)
            } catch let error as WebError where error.code == "bad-second-factor" {
                throw WebError(.forbidden, code: error.code, message: error.message, field: "code")
            }
        } else {
            try await checkOwnPassword(proof.password ?? "", field: "password", for: identity, from: address)
        }
    }

    /// Checks the signed-in person's password against the stored one: wrong tries count towards the sign-in
    /// throttle (429 when over it); an empty one is 422 and a wrong one 403, both naming `field`.
    private func checkOwnPassword(
        _ password: String, field: String, for identity: Identity, from address: String
    ) async throws {
        guard !password.isEmpty else { throw WebError.invalid(field, "is empty") }
        let now = configuration.now()
        // The same keys as signing in: guessing through this form is guessing a password all the same.
        let pair = SignInThrottle.Key(
            name: "pair:\(address) \(identity.account.email.lowercased())", limit: throttle.limit)
        let keys = [pair, SignInThrottle.Key(name: "address:" + address, limit: throttle.limit * 4)]
        if let wait = await throttle.retryAfter(keys, now: now) { throw WebError.throttled(retryAfter: wait) }
        // From the store, not the identity: a cached identity may hold a hash from before an earlier change.
        let stored = try await store.account(identity.account.id).passwordHash
        guard try await passwords.verify(password, against: stored) else {
            await throttle.fail(keys, now: now)
            let whose = field == "password" ? "Your password" : "Your current password"
            throw WebError(.forbidden, code: "wrong-password", message: "\(whose) is not right.", field: field)
        }
        await throttle.succeed(pair)
    }

    /// A new invite's code (shown once) and when it stops working.
    struct Reissued: Encodable, Sendable {
        let inviteCode: String
        let inviteExpiresAt: Date
    }

    /// Changes the signed-in person's password after checking the current one: wrong tries count towards the
    /// sign-in throttle (429 when over it), a wrong current password is 403 naming `currentPassword`, a new one
    /// that breaks the rules of claiming is 422 naming `newPassword`. The sign-in in use stays; the others end.
    /// Returns how many ended.
    func changePassword(current: String, new: String, for identity: Identity, from address: String) async throws
        -> Int
    {
        guard !current.isEmpty else { throw WebError.invalid("currentPassword", "is empty") }
        if let problem = PasswordHasher.problem(with: new) { throw WebError.invalid("newPassword", problem) }
        try await checkOwnPassword(current, field: "currentPassword", for: identity, from: address)
        let now = configuration.now()
        let hash = try await passwords.hash(new)
        let ended = try await store.changePassword(
            hash, for: identity.account.id, keeping: identity.session.tokenHash,
            by: identity.actor(at: now, origin: address))
        signedIn.forget(account: identity.account.id)
        return ended
    }

    /// Ends every sign-in of the signed-in person's account, this one included; returns how many ended.
    func signOutEverywhere(_ identity: Identity, from address: String) async throws -> Int {
        let ended = try await store.endSignIns(
            of: identity.account.id, by: identity.actor(at: configuration.now(), origin: address))
        signedIn.forget(account: identity.account.id)
        return ended
    }

    /// A new invite code for the clinician's own patient (404 for any other, as for a missing one): the old
    /// password and code stop working and every sign-in of the patient ends. A retry with the same
    /// `Idempotency-Key` answers the first response (with the first code) and changes nothing.
    func reissueInvite(
        for patient: PatientID, idempotency: IdempotencyKey?, by actor: AuditActor
    ) async throws -> (outcome: WriteOutcome<Patient>, code: Reissued) {
        let invite = InviteCode.issue(now: actor.at, lifetime: configuration.inviteLifetime)
        let code = Reissued(inviteCode: invite.code, inviteExpiresAt: invite.expires)
        let outcome = try await store.reissueInvite(
            NewInvite(codeHash: invite.hash, expiresAt: invite.expires), for: patient, idempotency: idempotency,
            by: actor, respond: { _ in try WriteResponse.stored(code) })
        if let reissued = outcome.created { signedIn.forget(account: reissued.accountID) }
        return (outcome, code)
    }
}
