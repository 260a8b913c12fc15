import ArgumentParser
import RehabCore
import RehabPostgres
import RehabSQLite

/// `kneerehab migrate`: creates or upgrades the schema; running it twice changes nothing.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the database schema (running it twice changes nothing).")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let applied: [String]
        do {
            if options.isPostgres {
                applied = try await PostgresStore.withStore(url: options.database) { try await $0.migrate() }
            } else {
                applied = try SQLiteStore(path: options.database, migrate: false).migrate()
            }
        } catch let error as StorageError {
            throw InputError(storage: error)
        }
        print(applied.isEmpty ? "schema up to date" : applied.map { "applied \($0)" }.joined(separator: "\n"))
    }
}
