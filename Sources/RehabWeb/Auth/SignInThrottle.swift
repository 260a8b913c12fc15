import Foundation

/// Counts failed sign-ins per email and per client address and refuses more than `limit` within `window`.
///
/// Kept in memory per instance: several instances each allow `limit`, which still stops password guessing at a
/// useful rate. A success clears the email's count.
actor SignInThrottle {
    private let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait when `keys` are over the limit at `now`; nil when a try is allowed.
    func retryAfter(_ keys: [String], now: Date) -> Int? {
        var wait: TimeInterval = 0
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit, let oldest = recent.first {
                wait = max(wait, window - now.timeIntervalSince(oldest))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    /// Records a failure for every key.
    func fail(_ keys: [String], now: Date) {
        for key in keys { failures[key, default: []].append(now) }
        if failures.count > 100_000 { failures.removeAll() }
    }

    /// Clears a key after a success.
    func succeed(_ key: String) { failures[key] = nil }
}
