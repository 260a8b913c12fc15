import Foundation
import RehabCore
import RehabPostgres
import Testing

/// The test database, from `KNEEREHAB_TEST_POSTGRES_URL` (CI always sets it; `tools/start-postgres.sh` prints one).
enum TestDatabase {
    static let url: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }
    /// One entry when a URL is configured, none otherwise: Swift Testing reads this at discovery.
    static let urls: [String] = url.map { [$0] } ?? []
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
        try await PostgresStore.withStore(url: url) { store in
            _ = try await store.migrate()
            #expect(try await store.migrate().isEmpty)
            #expect(try await store.appliedMigrations() == PostgresStore.migrationNames)
        }
    }

    @Test func aBadURLIsInvalidAndNotEchoed() {
        #expect(throws: StorageError.self) { try PostgresStore(url: "mysql://secret@host/db") }
    }
}
