import Foundation
import Logging
import RehabCore
import ServiceLifecycle

/// Removes expired sign-ins from the shared table once an interval, until the server shuts down; with other
/// instances on the database (`jobs`), one of them at a time.
struct SignInSweeper: Service {
    let store: any RehabStore
    let jobs: (any JobLock)?
    let now: @Sendable () -> Date
    let interval: Duration
    let logger: Logger

    /// Waits an interval first: the store may still be migrating when the server starts.
    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                let (store, now) = (self.store, self.now)
                let sweep: @Sendable () async throws -> Int = { try await store.deleteExpiredSignIns(now: now()) }
                // Nil when another instance is sweeping.
                let removed: Int? =
                    if let jobs { try await jobs.alone("sweep-sign-ins", sweep) } else { try await sweep() }
                if let removed, removed > 0 {
                    logger.info("expired sign-ins removed", metadata: ["count": "\(removed)"])
                }
            } catch {
                logger.warning("could not remove expired sign-ins", metadata: ["type": "\(type(of: error))"])
            }
        }
    }
}
