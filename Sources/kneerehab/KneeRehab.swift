import ArgumentParser
import Foundation
import RehabWeb

/// The `kneerehab` command line: one composition root over the clinical core, motion analysis and storage.
@main
struct KneeRehab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kneerehab",
        abstract: "KneeRehab: home exercise after knee surgery, adjusted from the patient's own reports.",
        subcommands: [
            CatalogCommand.self, PlanCommand.self, ReviewCommand.self, ScoreCommand.self, TriageCommand.self,
            Analyze.self, MigrateCommand.self, BackupCommand.self, UserCommand.self, ServeCommand.self,
            ExportCommand.self, RTMCommand.self,
        ]
    )

    /// Runs the command and turns every failure into one line on standard error and exit status 1.
    static func main() async {
        MallocTuning.limitArenas()
        do {
            var command = try parseAsRoot()
            // The server's threads are chosen before any task starts, as NIO requires.
            try (command as? ServeCommand)?.chooseThreads()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(1)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            // Argument errors: keep ArgumentParser's message but print it as one line.
            let message =
                fullMessage(for: error)
                .split(separator: "\n").first.map(String.init) ?? "invalid input"
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            Foundation.exit(1)
        }
    }
}
