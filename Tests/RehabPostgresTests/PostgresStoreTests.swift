import Foundation
import PostgresNIO
import RehabCore
import RehabPostgres
import RehabTesting
import Testing

/// The test database, from `KNEEREHAB_TEST_POSTGRES_URL` (CI always sets it; `tools/start-postgres.sh` prints one).
enum TestDatabase {
    static let url: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }
    /// One entry when a URL is configured, none otherwise: Swift Testing reads this at discovery.
    static let urls: [String] = url.map { [$0] } ?? []

    /// Runs `body` on a store over a database of its own (`CREATE DATABASE kr_<uuid>` through the configured
    /// URL), migrated, so cases can run in parallel without seeing each other; the database is dropped after.
    static func withFreshStore<T: Sendable>(
        _ url: String, migrate: Bool = true, _ body: (PostgresStore, String) async throws -> T
    ) async throws -> T {
        let name = "kr_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var components = try #require(URLComponents(string: url))
        components.path = "/" + name
        let freshURL = try #require(components.string)
        _ = try await PostgresStore.withStore(url: url) { admin in
            try await admin.client.query("CREATE DATABASE \(unescaped: name)")
        }
        do {
            let value = try await PostgresStore.withStore(url: freshURL) { store in
                if migrate { try await store.migrate() }
                return try await body(store, freshURL)
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

    /// Every conformance case paired with every configured URL.
    static var conformanceCases: [(String, String)] {
        urls.flatMap { url in StorageConformance.names.map { ($0, url) } }
    }
}

struct PostgresConformanceTests {
    @Test(arguments: TestDatabase.conformanceCases)
    func conformance(_ name: String, _ url: String) async throws {
        try await TestDatabase.withFreshStore(url) { (store: PostgresStore, _: String) async throws in
            let engine: any RehabStore = store
            try await StorageConformance.run(name, on: engine)
        }
    }
}

struct PostgresStoreTests {
    /// Shows up as skipped, with this reason, whenever the PostgreSQL cases did not run.
    @Test(
        .enabled(
            if: TestDatabase.url != nil,
            "PostgreSQL SKIPPED: KNEEREHAB_TEST_POSTGRES_URL is not set; run tools/start-postgres.sh and export it"))
    func postgresqlCasesRun() {
        #expect(!TestDatabase.urls.isEmpty)
    }

    @Test(arguments: TestDatabase.urls)
    func migratingTwiceChangesNothing(_ url: String) async throws {
        try await TestDatabase.withFreshStore(url, migrate: false) { (store: PostgresStore, _: String) async throws in
            #expect(try await store.migrate() == PostgresStore.migrationNames)
            #expect(try await store.migrate().isEmpty)
            #expect(try await store.appliedMigrations() == PostgresStore.migrationNames)
        }
    }

    @Test(arguments: TestDatabase.urls)
    func appendOnlyTablesRefuseEdits(_ url: String) async throws {
        try await TestDatabase.withFreshStore(url) { (store: PostgresStore, _: String) async throws in
            try await store.appendAudit(
                AuditEntry(accountID: nil, action: .recordRead, patientID: nil, at: Date(), origin: "test"))
            await #expect(throws: PSQLError.self) { try await store.client.query("DELETE FROM audit_log") }
            await #expect(throws: PSQLError.self) { try await store.client.query("UPDATE audit_log SET action = 'y'") }
        }
    }

    @Test func aServerThatCannotBeReachedIsUnavailable() async throws {
        let error = await #expect(throws: StorageError.self) {
            try await PostgresStore.withStore(
                url: "postgres://nobody:secret@127.0.0.1:1/none", connectionWait: .milliseconds(300)
            ) { store in try await store.auditEntries(AuditQuery()) }
        }
        #expect(error?.code == .unavailable)
        #expect(error.map { !"\($0)".contains("secret") } ?? false)
    }

    @Test func aBadURLIsInvalidAndNotEchoed() {
        #expect(throws: StorageError.self) { try PostgresStore(url: "mysql://secret@host/db") }
    }

    @Test(arguments: ["0", "101", "six", ""])
    func aPoolSizeOutsideOneToAHundredIsRefusedByName(_ size: String) {
        let error = #expect(throws: StorageError.self) {
            try PostgresStore(url: "postgres://nobody:secret@127.0.0.1/db?pool_size=\(size)")
        }
        #expect(error?.code == .invalid)
        #expect(error.map { "\($0)".contains("pool_size") && !"\($0)".contains("secret") } ?? false)
    }

    @Test(arguments: TestDatabase.urls)
    func theURLsPoolSizeBoundsTheConnections(_ url: String) async throws {
        let separator = url.contains("?") ? "&" : "?"
        let backends = try await PostgresStore.withStore(url: url + separator + "pool_size=2") { store in
            try await withThrowingTaskGroup(of: Int32.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let rows = try await store.client.query("SELECT pg_backend_pid() FROM pg_sleep(0.05)")
                        var pid: Int32 = 0
                        for try await (value) in rows.decode(Int32.self) { pid = value }
                        return pid
                    }
                }
                return try await group.reduce(into: Set<Int32>()) { $0.insert($1) }
            }
        }
        #expect((1...2).contains(backends.count), "\(backends.count) connections")
    }
}
