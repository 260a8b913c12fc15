import Foundation
import RehabCore
import Testing

@testable import RehabWeb

/// The sign-in cache answers only while an entry is fresh, never past the session's expiry, and forgets a token
/// that signed out and every token of an account whose sign-ins ended.
struct SignedInCacheTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func signedIn(expires: Date) -> SignedIn {
        let account = Account(
            id: .generate(), role: .clinician, email: "c@example.test", name: "Dr C", passwordHash: nil,
            createdAt: start)
        let session = SignInToken(
            tokenHash: "hash", accountID: account.id, expiresAt: expires, formToken: "csrf", createdAt: start)
        return SignedIn(session: session, account: account, patient: nil)
    }

    @Test func answersForItsLifetimeOnly() {
        let cache = SignedInCache(lifetime: 2)
        let value = Self.signedIn(expires: Self.start.addingTimeInterval(3600))
        cache.store(value, tokenHash: "a", now: Self.start)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start.addingTimeInterval(1.9)) == value)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start.addingTimeInterval(2)) == nil)
        #expect(cache.signedIn(tokenHash: "b", now: Self.start) == nil)
    }

    @Test func neverOutlivesTheSession() {
        let cache = SignedInCache(lifetime: 2)
        cache.store(Self.signedIn(expires: Self.start.addingTimeInterval(1)), tokenHash: "a", now: Self.start)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start.addingTimeInterval(0.5)) != nil)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start.addingTimeInterval(1)) == nil)
    }

    @Test func signingOutForgetsAtOnce() {
        let cache = SignedInCache(lifetime: 2)
        cache.store(Self.signedIn(expires: Self.start.addingTimeInterval(3600)), tokenHash: "a", now: Self.start)
        cache.forget(tokenHash: "a")
        #expect(cache.signedIn(tokenHash: "a", now: Self.start) == nil)
    }

    @Test func staysWithinItsCapacity() {
        let cache = SignedInCache(lifetime: 2, capacity: 3)
        let value = Self.signedIn(expires: Self.start.addingTimeInterval(3600))
        for token in ["a", "b", "c"] { cache.store(value, tokenHash: token, now: Self.start) }
        // Full of fresh entries: it starts over rather than grow.
        cache.store(value, tokenHash: "d", now: Self.start)
        #expect(cache.signedIn(tokenHash: "d", now: Self.start) == value)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start) == nil)
    }

    @Test func forgettingAnAccountForgetsEveryTokenOfItAndNoOther() {
        let cache = SignedInCache(lifetime: 2)
        let expires = Self.start.addingTimeInterval(3600)
        let (mine, theirs) = (Self.signedIn(expires: expires), Self.signedIn(expires: expires))
        cache.store(mine, tokenHash: "a", now: Self.start)
        cache.store(mine, tokenHash: "b", now: Self.start)
        cache.store(theirs, tokenHash: "c", now: Self.start)
        cache.forget(account: mine.account.id)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start) == nil)
        #expect(cache.signedIn(tokenHash: "b", now: Self.start) == nil)
        #expect(cache.signedIn(tokenHash: "c", now: Self.start) == theirs)
    }

    /// A read that began before a sign-in ended must not put it back: the request that read it loses the race.
    @Test func aReadFromBeforeAForgetIsNotKept() {
        let cache = SignedInCache(lifetime: 2)
        let value = Self.signedIn(expires: Self.start.addingTimeInterval(3600))
        let before = cache.mark()
        cache.forget(account: value.account.id)
        cache.store(value, tokenHash: "a", now: Self.start, mark: before)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start) == nil)
        let after = cache.mark()
        cache.store(value, tokenHash: "a", now: Self.start, mark: after)
        #expect(cache.signedIn(tokenHash: "a", now: Self.start) == value)
    }
}
