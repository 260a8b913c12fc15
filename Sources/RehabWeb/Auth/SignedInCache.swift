import Foundation
import RehabCore

/// Who each token signed in, kept for a moment: every signed-in request needs the session, account and patient,
/// and reading them from the shared session table is a database round trip per request.
///
/// An entry lives `lifetime` (2 seconds by default) and never past the session's own expiry. Signing out through
/// this server forgets the token at once; a sign-out through another server instance sharing the database takes
/// effect here within `lifetime`. Only tokens that signed someone in are kept, at most `capacity` of them.
final class SignedInCache: @unchecked Sendable {
    private struct Entry {
        let signedIn: SignedIn
        let until: Date
    }

    private let lock = NSLock()
    private let lifetime: TimeInterval
    private let capacity: Int
    private var entries: [String: Entry] = [:]

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

    /// Keeps an answer read from the store at `now`.
    func store(_ signedIn: SignedIn, tokenHash: String, now: Date) {
        let until = min(now.addingTimeInterval(lifetime), signedIn.session.expiresAt)
        lock.lock()
        defer { lock.unlock() }
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
    }
}
