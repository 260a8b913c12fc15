import Foundation
import GRDB
import RehabCore
import RehabStorageKit

/// The repositories on one SQLite file, after GRDB's application-database pattern: one value owns the
/// `DatabasePool`, its initialiser runs the migrator, and every method is one transaction.
///
/// Settings: WAL (a `DatabasePool` always uses it: readers never block the writer), foreign keys on, and
/// `synchronous = NORMAL`. In WAL mode NORMAL syncs the WAL at checkpoints, not at every commit: the database
/// can never be corrupted, and a process crash (even SIGKILL) loses nothing, but a power cut or OS crash may
/// roll back the last transactions committed before it. `durable: true` selects FULL (an fsync per commit) for
/// an installation that prefers that trade.
public final class SQLiteStore: Sendable {
    /// The default page cache of each connection: 2 MiB, SQLite's own default. SQLite fills it lazily, up to the
    /// pages actually read, and each connection keeps its own, so the server's resident memory grows with it: with
    /// 4 MiB the web server's load test ended 7 MB higher (87 against 80 MB), with no faster patient list (about
    /// 11,700 lists a second either way; that list is cached for 2 seconds). A clinician's list on a large
    /// installation probes the sessions index a few thousand times, and a larger cache keeps those pages in memory
    /// (the storage benchmarks use 64 MiB on 10,000 patients).
    public static let defaultPageCacheMiB = 2

    /// Reader connections: two per core, at most 10. A read holds its connection even while its thread waits for a
    /// core, and the web server's own threads share the cores with the readers, so with only one reader per core
    /// long reads (an export's whole history) queue for a connection while a core sits idle. Each reader keeps its
    /// own page cache, which is why there is a ceiling.
    public static var defaultReaderCount: Int { min(2 * max(1, ProcessInfo.processInfo.activeProcessorCount), 10) }

    /// The pool; exposed for backups, benchmarks and tests.
    public let pool: DatabasePool
    /// Decoded patient histories between writes (see `RecordCache`), each named by its `HistoryVersion`.
    let records: HistoryCache

    /// Opens (creating when missing) the database at `path` and brings its schema up to date. `recordCacheEntries`
    /// bounds the decoded histories kept between writes (0 keeps none).
    public init(
        path: String, durable: Bool = false, migrate: Bool = true, pageCacheMiB: Int = SQLiteStore.defaultPageCacheMiB,
        recordCacheEntries: Int = RecordCacheDefaults.entries
    ) throws(StorageError) {
        records = RecordCache(budget: recordCacheEntries)
        var config = Configuration()
        let cacheKiB = max(1, pageCacheMiB) * 1024
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.maximumReaderCount = Self.defaultReaderCount
        config.publicStatementArguments = false
        config.prepareDatabase { db in
            try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw SQLiteStore.map(error, "open")
        }
        if migrate { try self.migrate() }
    }

    /// Applies the migrations not applied yet; running it again changes nothing.
    @discardableResult
    public func migrate() throws(StorageError) -> [String] {
        do {
            let before = try pool.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
            try SQLiteSchema.migrator.migrate(pool)
            return SQLiteSchema.migrationNames.filter { !before.contains($0) }
        } catch {
            throw SQLiteStore.map(error, "migrate")
        }
    }

    /// The names of every migration this build knows, in order.
    public static var migrationNames: [String] { SQLiteSchema.migrationNames }

    /// The applied migrations.
    public func appliedMigrations() async throws -> [String] {
        try await read("appliedMigrations") { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    /// A consistent online copy into a new SQLite file at `path` (SQLite's backup API), while writers go on.
    public func backup(to path: String) throws(StorageError) {
        do {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            try destination.close()
        } catch {
            throw SQLiteStore.map(error, "backup")
        }
    }

    // MARK: - Transactions

    /// One write transaction, with engine errors mapped to `StorageError`; a caller's closure error passes as is.
    func write<T: Sendable>(_ context: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as DatabaseError {
            throw SQLiteStore.map(error, context)
        }
    }

    /// One write transaction, then `afterCommit` with its result while the store still holds the writer: no other
    /// write can come between the commit and it (unlike code after `write` returns), and it costs no transaction
    /// observer. It does not run when the transaction fails.
    func write<T: Sendable>(
        _ context: String, _ body: @escaping @Sendable (Database) throws -> T,
        afterCommit: @escaping @Sendable (T) -> Void
    ) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StorageError(.unavailable, context) }
                afterCommit(result)
                return result
            }
        } catch let error as DatabaseError {
            throw SQLiteStore.map(error, context)
        }
    }

    /// One read transaction (a snapshot), with engine errors mapped.
    func read<T: Sendable>(_ context: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as DatabaseError {
            throw SQLiteStore.map(error, context)
        }
    }

    /// Maps an engine error to the domain's; the engine's message (which may quote SQL) is dropped.
    static func map(_ error: any Error, _ context: String) -> StorageError {
        if let error = error as? StorageError { return error }
        guard let error = error as? DatabaseError else { return StorageError(.unavailable, context) }
        switch error.resultCode {
        case .SQLITE_CONSTRAINT:
            switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return StorageError(.conflict, context)
            case .SQLITE_CONSTRAINT_FOREIGNKEY: return StorageError(.notFound, context)
            default: return StorageError(.invalid, context)
            }
        case .SQLITE_FULL:
            return StorageError(.full, context)
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY:
            return StorageError(.unavailable, context)
        default:
            return StorageError(.invalid, context)
        }
    }
}
