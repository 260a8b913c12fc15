import Foundation
import Logging
import PostgresNIO
import RehabCore
import RehabStorageKit

/// The repositories on PostgreSQL through `PostgresClient`, for several server instances sharing one database.
///
/// The client does nothing until `run()` runs: add the store to a service group, or use `withStore`, which runs
/// it in a task group. Every query uses bound interpolation. A lost connection is retried (twice) and then
/// reported as `unavailable`, as is a server that gives no connection within `connectionWait`; PostgreSQL's own
/// messages never leave this type.
public final class PostgresStore: Sendable {
    /// The connection pool.
    public let client: PostgresClient
    /// How long a transaction waits for a connection before it fails as `unavailable` (the pool itself would
    /// keep trying for ever while the server is down).
    public let connectionWait: Duration
    let logger: Logger
    /// Decoded patient histories between session writes, named by the patient row's `history_version` and what
    /// it fixes (`WriteBase`).
    let records: RecordCache<WriteBase>

    /// Makes a store on a client configuration. `recordCacheEntries` bounds the decoded histories kept between
    /// session writes (0 keeps none).
    public init(
        configuration: PostgresClient.Configuration, connectionWait: Duration = .seconds(10),
        recordCacheEntries: Int = RecordCacheDefaults.entries, logger: Logger = Logger(label: "kneerehab.postgres")
    ) {
        self.client = PostgresClient(configuration: configuration)
        self.connectionWait = connectionWait
        self.records = RecordCache(budget: recordCacheEntries)
        self.logger = logger
    }

    /// Makes a store from `postgres://user[:password]@host[:port]/database[?sslmode=disable|require]`.
    public convenience init(
        url: String, connectionWait: Duration = .seconds(10), recordCacheEntries: Int = RecordCacheDefaults.entries
    ) throws(StorageError) {
        self.init(
            configuration: try Self.configuration(url: url), connectionWait: connectionWait,
            recordCacheEntries: recordCacheEntries)
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async { await client.run() }

    /// Runs `body` with a store whose client runs for the duration.
    public static func withStore<T: Sendable>(
        url: String, connectionWait: Duration = .seconds(10), recordCacheEntries: Int = RecordCacheDefaults.entries,
        _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        let store = try PostgresStore(url: url, connectionWait: connectionWait, recordCacheEntries: recordCacheEntries)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    /// How many connections a store keeps to PostgreSQL unless its URL's `pool_size` says otherwise.
    public static let defaultPoolSize = 16

    /// Parses a URL into a client configuration; the URL (which may hold a password) is never echoed.
    static func configuration(url: String) throws(StorageError) -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
            let user = components.user
        else { throw StorageError(.invalid, "database URL") }
        let database = String(components.path.drop { $0 == "/" })
        let query = { (name: String) in components.queryItems?.first { $0.name == name }?.value }
        let mode = query("sslmode") ?? "disable"
        let tls: PostgresClient.Configuration.TLS =
            mode == "disable" ? .disable : .require(.makeClientConfiguration())
        var configuration = PostgresClient.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: user,
            password: components.password, database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.maximumConnections = Self.defaultPoolSize
        if let size = query("pool_size") {
            guard let connections = Int(size), (1...100).contains(connections) else {
                throw StorageError(.invalid, "database URL: pool_size must be 1 to 100")
            }
            configuration.options.maximumConnections = connections
        }
        return configuration
    }

    // MARK: - Transactions

    /// One transaction; connection losses are retried, engine errors mapped. A caller's closure error passes as is.
    ///
    /// Writes run at READ COMMITTED: once they hold the patient row's lock (`StoreTransaction.lock`) every later
    /// statement sees what the previous lock holder committed, which is what keeps the revision chain whole. Reads
    /// of more than one table pass `snapshot: true` (REPEATABLE READ) so they see one consistent state.
    /// `singleStatement: true` sends no BEGIN and COMMIT: each statement then commits on its own (one statement is
    /// atomic and sees one snapshot), which saves two round trips on hot reads such as the patient list and on the
    /// optimistic session write.
    func transaction<T: Sendable>(
        _ context: String, snapshot: Bool = false, singleStatement: Bool = false,
        _ body: @escaping @Sendable (StoreTransaction) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await withConnection(context) { connection in
                    let transaction = StoreTransaction(connection: connection, logger: self.logger)
                    if singleStatement { return try await body(transaction) }
                    try await transaction.execute(snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN")
                    do {
                        let value = try await body(transaction)
                        try await transaction.execute("COMMIT")
                        return value
                    } catch {
                        _ = try? await transaction.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PSQLError where Self.isConnectionLoss(error) && attempt < 2 {
                attempt += 1
                logger.warning("lost the database connection; retrying", metadata: ["operation": "\(context)"])
            } catch let error as PSQLError {
                throw Self.map(error, context)
            } catch let error as StorageError {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch is PostgresDecodingError {
                throw StorageError(.invalid, "\(context): stored value cannot be read")
            } catch  where Self.isPostgresError(error) {
                throw StorageError(.unavailable, context)
            }
        }
    }

    /// Leases a connection for `body`, failing as `unavailable` when none comes within `connectionWait`; once
    /// `body` has started it runs to its end, however long it takes.
    private func withConnection<T: Sendable>(
        _ context: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let started = StartFlag()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.client.withConnection { connection in
                    started.set()
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: self.connectionWait)
                if started.isSet { return nil }
                throw StorageError(.unavailable, "\(context): no database connection")
            }
            while let result = try await group.next() {
                if let value = result {
                    group.cancelAll()
                    return value
                }
            }
            throw StorageError(.unavailable, context)
        }
    }

    static func isConnectionLoss(_ error: PSQLError) -> Bool {
        [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
    }

    static func isPostgresError(_ error: any Error) -> Bool {
        String(describing: type(of: error)).hasPrefix("Postgres") || error is PostgresDecodingError
    }

    /// Maps by SQLSTATE class; PostgreSQL's message (which may quote values) is dropped.
    static func map(_ error: PSQLError, _ context: String) -> StorageError {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else {
            return StorageError(.unavailable, context)
        }
        switch state {
        case "23505": return StorageError(.conflict, context)
        case "23503": return StorageError(.notFound, context)
        case "40001", "40P01": return StorageError(.conflict, context)
        case "53100": return StorageError(.full, context)
        case _ where state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57"):
            return StorageError(.unavailable, context)
        default: return StorageError(.invalid, context)
        }
    }
}

/// Whether a leased transaction has started; set once, read by the connection-wait timer.
private final class StartFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
