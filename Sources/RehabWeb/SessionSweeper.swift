import Foundation
import Logging
import RehabCore
import ServiceLifecycle

/// Removes expired web sessions from the shared table once an interval, until the server shuts down.
struct SessionSweeper: Service {
    let store: any RehabStore
    let now: @Sendable () -> Date
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let removed = try await store.deleteExpiredWebSessions(now: now())
                if removed > 0 { logger.info("expired web sessions removed", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("could not remove expired web sessions", metadata: ["type": "\(type(of: error))"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
