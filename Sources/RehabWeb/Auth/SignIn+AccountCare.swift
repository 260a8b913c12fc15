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
    /// admin; 422 naming `id` for the admin's own, which they replace by enrolling again).
    func removeSecondFactor(of account: AccountID, by identity: Identity, from address: String) async throws {
        guard account != identity.account.id else {
            throw WebError.invalid("id", "is your own account: set up your second factor again to replace it")
        }
        guard identity.account.role == .admin,
            try await store.removeSecondFactor(
                of: account, by: identity.actor(at: configuration.now(), origin: address))
        else { throw WebError.notFound }
        signedIn.forget(account: account)
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
        let now = configuration.now()
        // The same keys as signing in: guessing through this form is guessing a password all the same.
        let pair = SignInThrottle.Key(
            name: "pair:\(address) \(identity.account.email.lowercased())", limit: throttle.limit)
        let keys = [pair, SignInThrottle.Key(name: "address:" + address, limit: throttle.limit * 4)]
        if let wait = await throttle.retryAfter(keys, now: now) { throw WebError.throttled(retryAfter: wait) }
        // From the store, not the identity: a cached identity may hold a hash from before an earlier change.
        let stored = try await store.account(identity.account.id).passwordHash
        guard try await passwords.verify(current, against: stored) else {
            await throttle.fail(keys, now: now)
            throw WebError(
                .forbidden, code: "wrong-password", message: "Your current password is not right.",
                field: "currentPassword")
        }
        await throttle.succeed(pair)
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
