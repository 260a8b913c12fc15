import Foundation
import Logging
import RehabCore

/// Counts failed sign-ins per key (an address and account pair, an address) and refuses a key's tries once it has
/// `limit` failures within `window`. A success clears the pair's count.
///
/// Alone (SQLite, one process) it counts in memory. With a `SignInFailureLog` (PostgreSQL) it counts for every
/// instance on the database, so three instances allow no more guesses than one; it still counts in memory too,
/// and a database that cannot be asked leaves the instance's own count in force.
struct SignInThrottle: Sendable {
    /// One thing failures are counted for, with the failures it may have within the window.
    struct Key: Sendable {
        let name: String
        let limit: Int
    }

    /// Failures allowed per address and account pair.
    let limit: Int
    private let window: TimeInterval
    private let local: LocalSignInFailures
    private let shared: (any SignInFailureLog)?
    private let logger: Logger

    /// A throttle of this instance alone.
    init(limit: Int, window: TimeInterval) {
        self.init(limit: limit, window: window, shared: nil)
    }

    /// A throttle shared with every instance that uses `shared` (nil: this instance alone).
    init(
        limit: Int, window: TimeInterval, shared: (any SignInFailureLog)?,
        logger: Logger = Logger(label: "kneerehab.throttle")
    ) {
        self.limit = limit
        self.window = window
        self.local = LocalSignInFailures()
        self.shared = shared
        self.logger = logger
    }

    /// Seconds to wait when any of `keys` is over its limit at `now`; nil when a try is allowed.
    func retryAfter(_ keys: [Key], now: Date) async -> Int? {
        let since = now.addingTimeInterval(-window)
        var failures = await local.failures(keys.map(\.name), since: since)
        if let shared {
            do {
                let counted = try await shared.signInFailures(keys: keys.map(\.name), since: since)
                for (name, dates) in counted where dates.count > failures[name]?.count ?? 0 { failures[name] = dates }
            } catch {
                logger.warning("could not read the shared sign-in failures; counting this instance's only")
            }
        }
        var wait: TimeInterval = 0
        for key in keys {
            let recent = failures[key.name] ?? []
            // The try opens again once the oldest failure that keeps the key at its limit leaves the window.
            if recent.count >= key.limit, let oldest = recent.dropLast(key.limit - 1).last {
                wait = max(wait, window - now.timeIntervalSince(oldest))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    /// Records a failure for every key.
    func fail(_ keys: [Key], now: Date) async {
        let names = keys.map(\.name)
        await local.fail(names, at: now)
        do {
            try await shared?.recordSignInFailure(
                keys: names, at: now, forgettingBefore: now.addingTimeInterval(-window))
        } catch {
            logger.warning("could not record a shared sign-in failure; counted by this instance only")
        }
    }

    /// Clears a key after a success.
    func succeed(_ key: Key) async {
        await local.clear(key.name)
        do {
            try await shared?.clearSignInFailures(key: key.name)
        } catch {
            logger.warning("could not clear a shared sign-in failure count")
        }
    }
}

/// This instance's own failures by key, in memory.
private actor LocalSignInFailures {
    private var failures: [String: [Date]] = [:]

    func failures(_ names: [String], since: Date) -> [String: [Date]] {
        var found: [String: [Date]] = [:]
        for name in names {
            let recent = (failures[name] ?? []).filter { $0 > since }
            failures[name] = recent.isEmpty ? nil : recent
            if !recent.isEmpty { found[name] = recent }
        }
        return found
    }

    func fail(_ names: [String], at now: Date) {
        for name in names { failures[name, default: []].append(now) }
        if failures.count > 100_000 { failures.removeAll() }
    }

    func clear(_ name: String) { failures[name] = nil }
}
