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
        try await withStore(recordCacheEntries: recordCacheEntries) { store, _ in try await body(store) }
    }

    /// The same, with the store's background work for a long-running server: SQLite's WAL checkpoints, which run
    /// beside the server and never inside a write (see `checkpointInBackground`).
    func withStore<T: Sendable>(
        recordCacheEntries: Int = RecordCacheDefaults.entries,
        _ body: @Sendable (any RehabStore, [BackgroundWork]) async throws -> T
    ) async throws -> T {
        do {
            if isPostgres {
                return try await PostgresStore.withStore(url: database, recordCacheEntries: recordCacheEntries) {
                    store in
                    try await store.migrate()
                    return try await body(store, [])
                }
            }
            let store = try SQLiteStore(path: database, recordCacheEntries: recordCacheEntries)
            let checkpoints = BackgroundWork(name: "sqlite-checkpoints") { try await store.checkpointInBackground() }
            return try await body(store, [checkpoints])
        } catch let error as StorageError {
            throw InputError(storage: error)
        }
    }
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
