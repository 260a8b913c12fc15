import Foundation
import PostgresNIO
import RehabCore
import RehabPostgres
import RehabSQLite
import RehabStorageKit

/// Where the storage benchmarks keep their databases.
///
/// SQLite files go under `$KNEEREHAB_BENCH_DIR` (default `/tmp/kneerehab-bench`). PostgreSQL runs only when
/// `KNEEREHAB_BENCH_POSTGRES_URL` is set; the benchmarks create their own databases next to the URL's one
/// (`kr_bench_dataset`, kept between runs, and `kr_bench_writes`, made fresh for each write benchmark).
enum BenchDatabases {
    /// The directory for SQLite files.
    static var directory: URL {
        let path = ProcessInfo.processInfo.environment["KNEEREHAB_BENCH_DIR"] ?? "/tmp/kneerehab-bench"
        return URL(fileURLWithPath: path)
    }

    /// The PostgreSQL server URL, when configured.
    static let postgresURL: String? = ProcessInfo.processInfo.environment["KNEEREHAB_BENCH_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    /// A fresh SQLite store in a new file named `name` (an old one is removed).
    static func freshSQLite(
        _ name: String, recordCacheEntries: Int = RecordCacheDefaults.entries
    ) throws -> SQLiteStore {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return try SQLiteStore(path: path, pageCacheMiB: 64, recordCacheEntries: recordCacheEntries)
    }

    /// The URL of database `name` on the configured server.
    static func postgresURL(database name: String) throws -> String {
        guard let url = postgresURL, var components = URLComponents(string: url) else {
            throw BenchError("KNEEREHAB_BENCH_POSTGRES_URL is not set")
        }
        components.path = "/" + name
        guard let result = components.string else { throw BenchError("bad KNEEREHAB_BENCH_POSTGRES_URL") }
        return result
    }

    /// Creates database `name` when missing (or always, dropping the old one, when `fresh`); returns its URL.
    static func preparePostgres(_ name: String, fresh: Bool) async throws -> String {
        guard let url = postgresURL else { throw BenchError("KNEEREHAB_BENCH_POSTGRES_URL is not set") }
        try await PostgresStore.withStore(url: url) { admin in
            if fresh {
                try await admin.client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)")
            }
            let rows = try await admin.client.query("SELECT 1 FROM pg_database WHERE datname = \(name)").collect()
            if rows.isEmpty { try await admin.client.query("CREATE DATABASE \(unescaped: name)") }
        }
        return try postgresURL(database: name)
    }
}

/// A PostgreSQL store whose client runs in a background task until `stop()`.
final class RunningPostgres: Sendable {
    /// The store.
    let store: PostgresStore
    private let task: Task<Void, Never>

    /// Starts the client for the database at `url` and migrates it.
    init(url: String) async throws {
        let store = try PostgresStore(url: url)
        self.store = store
        self.task = Task { await store.run() }
        try await store.migrate()
    }

    /// Stops the client.
    func stop() { task.cancel() }
}

/// A benchmark set-up failure.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
