import ArgumentParser
import Foundation
import RehabCore
import RehabSQLite

/// `kneerehab backup DEST`: a consistent online copy of a SQLite database (SQLite's backup API), taken while the
/// server keeps writing. PostgreSQL is backed up with its own tool, `pg_dump`.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent online copy of the SQLite database to DEST.")

    @Argument(help: "The new file to write.")
    var destination: String

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        if options.isPostgres {
            throw InputError(
                field: "--database",
                problem:
                    "PostgreSQL is backed up with pg_dump, e.g. pg_dump --format=custom URL > FILE (see docs/storage.md)"
            )
        }
        guard FileManager.default.fileExists(atPath: options.database) else {
            throw InputError(field: "--database", problem: "no database at \(options.database)")
        }
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw InputError(field: "DEST", problem: "\(destination) already exists; choose a new file")
        }
        do {
            try SQLiteStore(path: options.database).backup(to: destination)
        } catch {
            throw InputError(storage: error)
        }
        print("backup written to \(destination)")
    }
}
