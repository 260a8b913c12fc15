import Foundation
import RehabCore

/// Who each token signed in, kept for a moment: every signed-in request needs the session, account and patient,
/// and reading them from the shared session table is a database round trip per request.
///
/// An entry lives `lifetime` (2 seconds by default) and never past the session's own end (absolute or idle). Signing out, a
/// password change, signing out everywhere or a new invite through this server forgets the tokens at once; the
/// same through another server instance sharing a PostgreSQL database is forgotten when its news arrives
/// (`InstanceNews`), and otherwise within `lifetime`. Only tokens that signed someone in are kept, at most
/// `capacity` of them.
///
/// A store read that began before a forget is not kept (see `mark()`): otherwise a request that read a sign-in
/// just before it ended could put it back for another `lifetime`.
final class SignedInCache: @unchecked Sendable {
    private struct Entry {
        let signedIn: SignedIn
        let until: Date
    }

    private let lock = NSLock()
    private let lifetime: TimeInterval
    private let capacity: Int
    private var entries: [String: Entry] = [:]
    private var forgets: UInt64 = 0

    init(lifetime: TimeInterval = 2, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached answer for a token hash, while it is fresh at `now`.
    func signedIn(tokenHash: String, now: Date) -> SignedIn? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[tokenHash] else { return nil }
        guard entry.until > now else {
            entries[tokenHash] = nil
            return nil
        }
        return entry.signedIn
    }

    /// Where the cache stands before a store read; pass it to `store` with the read's answer.
    func mark() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return forgets
    }

    /// Keeps an answer read from the store at `now`, unless something was forgotten since `mark` (the answer may
    /// be of a sign-in that has ended since).
    func store(_ signedIn: SignedIn, tokenHash: String, now: Date, mark: UInt64? = nil) {
        let until = min(now.addingTimeInterval(lifetime), signedIn.session.endsAt)
        lock.lock()
        defer { lock.unlock() }
        if let mark, mark != forgets { return }
        if entries.count >= capacity {
            entries = entries.filter { $0.value.until > now }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[tokenHash] = Entry(signedIn: signedIn, until: until)
    }

    /// Forgets a token (it was signed out).
    func forget(tokenHash: String) {
        lock.lock()
        defer { lock.unlock() }
        entries[tokenHash] = nil
        forgets &+= 1
    }

    /// Forgets every token of an account (its password changed, it signed out everywhere, a new invite): the next
    /// request with any of them asks the store, which no longer knows the ended ones.
    func forget(account: AccountID) {
        lock.lock()
        defer { lock.unlock() }
        entries = entries.filter { $0.value.signedIn.account.id != account }
        forgets &+= 1
    }

    /// Forgets every token: news of ended sign-ins may have been missed (the connection that brings it was lost).
    func forgetAll() {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll()
        forgets &+= 1
    }
}
