import ArgumentParser
import RehabCore
import RehabPostgres
import RehabSQLite
import RehabStorageKit
import RehabWeb

/// `--database PATH_OR_URL`: a SQLite file (the default) or a `postgres://` URL.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The SQLite file, or a postgres:// URL for PostgreSQL.")
    var database: String = "kneerehab.sqlite"

    /// Whether the URL selects PostgreSQL.
    var isPostgres: Bool { database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") }

    /// Runs `body` with the selected store, migrated; PostgreSQL's client runs for the duration.
    /// `recordCacheEntries` bounds the store's cache of decoded histories.
    func withStore<T: Sendable>(
        recordCacheEntries: Int = RecordCacheDefaults.entries,
        _ body: @Sendable (any RehabStore) async throws -> T
    ) async throws -> T {
        do {
            if isPostgres {
                return try await PostgresStore.withStore(url: database, recordCacheEntries: recordCacheEntries) {
                    store in
                    try await store.migrate()
                    return try await body(store)
                }
            }
            return try await body(try SQLiteStore(path: database, recordCacheEntries: recordCacheEntries))
        } catch let error as StorageError {
            throw InputError(storage: error)
        }
    }

    /// The store for a long-running server, with the work that runs beside it as services of the application
    /// (PostgreSQL's client; SQLite's WAL checkpoints, which never run inside a write) and the migration to run
    /// once that work has started.
    func openForServer(recordCacheEntries: Int) throws -> ServerStore {
        do {
            if isPostgres {
                let store = try PostgresStore(url: database, recordCacheEntries: recordCacheEntries)
                return ServerStore(
                    store: store, background: [BackgroundWork(name: "postgres-client") { await store.run() }],
                    migrate: { try await store.migrate() }, shared: store)
            }
            let store = try SQLiteStore(path: database, recordCacheEntries: recordCacheEntries)
            return ServerStore(
                store: store,
                background: [BackgroundWork(name: "sqlite-checkpoints") { try await store.checkpointInBackground() }],
                migrate: {}, shared: nil)
        } catch {
            throw InputError(storage: error)
        }
    }
}

/// A store opened for `serve`: the store, its background work, its migration and, on PostgreSQL, what the
/// instances on the database share.
struct ServerStore: Sendable {
    let store: any RehabStore
    let background: [BackgroundWork]
    let migrate: @Sendable () async throws -> Void
    let shared: (any SharedServerState)?
}

extension InputError {
    /// A storage failure as one line naming `--database`; the engine's words never reach the user.
    init(storage error: StorageError) {
        switch error.code {
        case .unavailable: self.init(field: "--database", problem: "cannot be opened or reached (\(error.context))")
        case .emailInUse: self.init(field: "--email", problem: "is already used by another account")
        default: self.init(field: "--database", problem: error.description)
        }
    }
}
