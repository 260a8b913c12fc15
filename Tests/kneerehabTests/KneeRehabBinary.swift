import Foundation
import RehabChildProcess
import RehabTesting
import Testing

/// Runs the built `kneerehab` binary, found next to the test bundle in the build directory.
enum KneeRehabBinary {
    static let url = BuiltExecutable.url(named: "kneerehab")

    /// Runs the binary with `arguments`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String) async throws -> (status: Int32, out: String, err: String) {
        let outcome = try await ChildProcess.run(try #require(url).path, arguments, input: Data(input.utf8))
        return (outcome.exitStatus ?? -1, outcome.output, outcome.errorOutput)
    }
}

/// `kneerehab serve` on a free port, started and waited for until it says it is ready.
struct KneeRehabServer {
    let process: RunningChildProcess
    /// Where it listens, e.g. `http://127.0.0.1:40123/`.
    let address: String

    /// Starts `serve --port 0` with `arguments` added.
    init(_ arguments: [String]) async throws {
        process = try await RunningChildProcess.start(
            try #require(KneeRehabBinary.url).path, ["serve", "--port", "0"] + arguments)
        let ready = try #require(await process.line { $0.contains("Ready in") }, "the server never said it was ready")
        let announced = (ready.before + [ready.line]).first { $0.hasPrefix("KneeRehab is running at ") }
        address = try #require(announced?.replacingOccurrences(of: "KneeRehab is running at ", with: ""))
    }

    /// The server on `database`, with mail through 127.0.0.1:`smtpPort` when given.
    init(database: String, smtpPort: Int? = nil) async throws {
        var arguments = ["--database", database]
        if let smtpPort {
            arguments += [
                "--smtp", "smtp://127.0.0.1:\(smtpPort)", "--mail-from", "rehab@clinic.test", "--clinic-name",
                "Riverside Knee Clinic",
            ]
        }
        try await self.init(arguments)
    }

    /// Sends `signal` and waits for the server to end.
    @discardableResult
    func stop(signal: Int32) async throws -> ChildProcess.Outcome {
        try await process.stop(signal)
    }
}
