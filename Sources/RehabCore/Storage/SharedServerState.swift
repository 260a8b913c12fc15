import Foundation

// What several server instances on one database share besides the data: failed sign-ins, background jobs that
// one instance at a time should do, and news of ended sign-ins and writes. PostgreSQL provides all three; a
// SQLite store serves one process, which keeps them in memory.

/// Failed sign-ins counted once for every server instance, so three instances allow no more guesses than one.
public protocol SignInFailureLog: Sendable {
    /// Records one failure of each key at `date`, and forgets those keys' failures from before `cutoff`.
    func recordSignInFailure(keys: [String], at date: Date, forgettingBefore cutoff: Date) async throws
    /// Each key's failures after `date`, oldest first; keys without any are left out.
    func signInFailures(keys: [String], since date: Date) async throws -> [String: [Date]]
    /// Forgets a key's failures (after a success).
    func clearSignInFailures(key: String) async throws
}

/// Background work that one server instance at a time does (sweeping expired sign-ins, queueing reminders).
public protocol JobLock: Sendable {
    /// Runs `body` unless another instance is running the job named `job` right now; nil when one is. The job is
    /// free again once `body` returns or its instance dies.
    func alone<T: Sendable>(_ job: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T?
}

/// What a server instance tells the others about things they may hold in memory.
public enum ServerNews: Sendable, Hashable {
    /// A sign-in ended (signed out, a password change, signing out everywhere, a new invite): its token hash.
    case signInEnded(tokenHash: String)
    /// The named instance wrote something; any clinician's list may have changed.
    case wrote(instance: String)

    /// The news as a short line of text (what travels between instances).
    public var line: String {
        switch self {
        case .signInEnded(let hash): "signed-out \(hash)"
        case .wrote(let instance): "wrote \(instance)"
        }
    }

    /// Reads a line made by `line`; nil for anything else.
    public init?(line: String) {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "signed-out": self = .signInEnded(tokenHash: parts[1])
        case "wrote": self = .wrote(instance: parts[1])
        default: return nil
        }
    }
}

/// Passes `ServerNews` between the instances on one database.
public protocol ServerNewsChannel: Sendable {
    /// Tells every instance, this one included.
    func announce(_ news: ServerNews) async throws
    /// Listens until cancelled, coming back after a lost connection. `listening` runs each time listening
    /// (re)starts: news sent while nobody listened is lost, so whatever it could have changed must be forgotten
    /// then. `receive` runs for each piece of news, in order.
    func listen(
        listening: @escaping @Sendable () async -> Void, receive: @escaping @Sendable (ServerNews) async -> Void
    ) async
}

/// Everything instances sharing one database share beyond the data.
public typealias SharedServerState = JobLock & ServerNewsChannel & SignInFailureLog
