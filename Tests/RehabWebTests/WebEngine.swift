import Foundation
import PostgresNIO
import RehabCore
import RehabPostgres
import Testing

/// The storage engines a web test runs on: SQLite always, PostgreSQL when `KNEEREHAB_TEST_POSTGRES_URL` is set
/// (CI always sets it; `tools/start-postgres.sh` prints one).
enum WebEngine {
    static let postgresURL: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }
    /// The engine names; Swift Testing reads this at discovery, so the PostgreSQL case exists exactly when a URL is
    /// configured.
    static let all: [String] = ["sqlite"] + (postgresURL == nil ? [] : ["postgres"])

    /// Runs `body` with a fresh harness on `engine`. On PostgreSQL the harness gets a database of its own
    /// (`CREATE DATABASE kr_<uuid>` through the configured URL, in `tablespace` when one is named), dropped
    /// afterwards.
    static func withHarness<T: Sendable>(
        _ engine: String, throttleLimit: Int = 5, tablespace: String? = nil, _ body: (WebHarness) async throws -> T
    ) async throws -> T {
        guard engine == "postgres", let url = postgresURL else {
            return try await body(try await WebHarness.make(throttleLimit: throttleLimit))
        }
        let name = "kr_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var components = try #require(URLComponents(string: url))
        components.path = "/" + name
        let freshURL = try #require(components.string)
        _ = try await PostgresStore.withStore(url: url) { admin in
            let placement = tablespace.map { " TABLESPACE " + $0 } ?? ""
            try await admin.client.query("CREATE DATABASE \(unescaped: name)\(unescaped: placement)")
        }
        do {
            let value = try await PostgresStore.withStore(url: freshURL) { store in
                try await store.migrate()
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kr-web-\(UUID())")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                return try await body(
                    try await WebHarness.make(store: store, directory: directory, throttleLimit: throttleLimit))
            }
            try await drop(name, url)
            return value
        } catch {
            try? await drop(name, url)
            throw error
        }
    }

    private static func drop(_ name: String, _ url: String) async throws {
        _ = try await PostgresStore.withStore(url: url) { admin in
            try await admin.client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)")
        }
    }
}
