import Foundation
import PostgresNIO
import RehabCore

/// The state several server instances on this database share: failed sign-ins in a table, background jobs under
/// advisory locks, and news through LISTEN/NOTIFY. A sign-in's end is announced by the database itself (a trigger
/// on `web_sessions`), in the transaction that ends it, so every way of ending one is heard, whichever instance
/// or command ran it.
extension PostgresStore: SharedServerState {
    /// The channel every instance listens on.
    static let newsChannel = "kneerehab_news"
    /// The first key of the advisory locks that jobs take (the second is the job's name, hashed); migrations use
    /// the one-key form, a separate space.
    static let jobLockClass: Int32 = 7_304_212

    public func recordSignInFailure(keys: [String], at date: Date, forgettingBefore cutoff: Date) async throws {
        try await transaction("recordSignInFailure", singleStatement: true) { tx in
            try await tx.execute(
                """
                WITH gone AS (DELETE FROM sign_in_failures WHERE failed_at < \(cutoff))
                INSERT INTO sign_in_failures (key, failed_at) SELECT unnest(\(keys)::text[]), \(date)
                """)
        }
    }

    public func signInFailures(keys: [String], since date: Date) async throws -> [String: [Date]] {
        try await transaction("signInFailures", singleStatement: true) { tx in
            var failures: [String: [Date]] = [:]
            for row in try await tx.rows(
                """
                SELECT key, failed_at FROM sign_in_failures
                WHERE key = ANY(\(keys)::text[]) AND failed_at > \(date) ORDER BY failed_at
                """)
            {
                let (key, at) = try row.decode((String, Date).self)
                failures[key, default: []].append(at)
            }
            return failures
        }
    }

    public func clearSignInFailures(key: String) async throws {
        try await transaction("clearSignInFailures", singleStatement: true) { tx in
            try await tx.execute("DELETE FROM sign_in_failures WHERE key = \(key)")
        }
    }

    /// Holds a session advisory lock on one pooled connection while `body` runs (on others); a dead instance's
    /// connection closes, which frees the lock.
    public func alone<T: Sendable>(_ job: String, _ body: @escaping @Sendable () async throws -> T) async throws
        -> T?
    {
        try await transaction("alone", singleStatement: true) { tx in
            let row = try await tx.first("SELECT pg_try_advisory_lock(\(Self.jobLockClass), hashtext(\(job)))")
            guard try row?.decode(Bool.self) == true else { return nil }
            let unlock: PostgresQuery = "SELECT pg_advisory_unlock(\(Self.jobLockClass), hashtext(\(job)))"
            do {
                let value = try await body()
                try? await tx.execute(unlock)
                return value
            } catch {
                try? await tx.execute(unlock)
                throw error
            }
        }
    }

    public func announce(_ news: ServerNews) async throws {
        try await transaction("announce", singleStatement: true) { tx in
            try await tx.execute("SELECT pg_notify(\(Self.newsChannel), \(news.line))")
        }
    }

    /// Keeps one pooled connection listening; after a lost connection it waits a second and listens again.
    public func listen(
        listening: @escaping @Sendable () async -> Void, receive: @escaping @Sendable (ServerNews) async -> Void
    ) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.newsChannel) { notifications in
                        await listening()
                        for try await notification in notifications {
                            if let news = ServerNews(line: notification.payload) { await receive(news) }
                        }
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("stopped listening for other instances' news; listening again")
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
