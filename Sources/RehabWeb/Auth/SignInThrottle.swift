import Foundation

/// Counts failed sign-ins per key (an address and account pair, an address) and refuses a key's tries once it has
/// `limit` failures within `window`.
///
/// Kept in memory per instance: several instances each allow the limit, which still stops password guessing at a
/// useful rate. A success clears the pair's count.
actor SignInThrottle {
    /// One thing failures are counted for, with the failures it may have within the window.
    struct Key: Sendable {
        let name: String
        let limit: Int
    }

    /// Failures allowed per address and account pair.
    nonisolated let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait when any of `keys` is over its limit at `now`; nil when a try is allowed.
    func retryAfter(_ keys: [Key], now: Date) -> Int? {
        var wait: TimeInterval = 0
        for key in keys {
            let recent = (failures[key.name] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key.name] = recent.isEmpty ? nil : recent
            if recent.count >= key.limit, let oldest = recent.dropLast(key.limit - 1).last {
                wait = max(wait, window - now.timeIntervalSince(oldest))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    /// Records a failure for every key.
    func fail(_ keys: [Key], now: Date) {
        for key in keys { failures[key.name, default: []].append(now) }
        if failures.count > 100_000 { failures.removeAll() }
    }

    /// Clears a key after a success.
    func succeed(_ key: Key) { failures[key.name] = nil }
}
