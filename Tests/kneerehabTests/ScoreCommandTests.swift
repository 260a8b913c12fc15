import Foundation
import Testing

/// Runs the built `kneerehab` binary, found next to the test bundle in the build directory.
enum KneeRehabBinary {
    static let url: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        return candidates.map { $0.appendingPathComponent("kneerehab") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs the binary with `arguments`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try #require(url)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ScoreCommandTests {
    @Test(arguments: [
        (
            ["score", "koos-jr", "-", "--format", "json"], #"{"1":1,"2":1,"3":1,"4":1,"5":1,"6":1,"7":1}"#,
            #""score" : 68.284"#
        ),
        (["score", "nprs", "-", "--format", "json"], #"{"pain": 4}"#, #""instrument" : "nprs""#),
        (["score", "koos", "-"], #"{"P1":1,"P2":1,"P3":1,"P4":1,"P5":1}"#, "Pain"),
    ])
    func scores(arguments: [String], input: String, fragment: String) throws {
        let result = try KneeRehabBinary.run(arguments, input: input)
        #expect(result.status == 0)
        #expect(result.out.contains(fragment))
    }

    @Test(arguments: [
        (["score", "koos", "-"], #"{"P3": 5}"#, "answers.P3: 5 is outside 0–4"),
        (["score", "koos-jr", "-"], #"{"1":1,"2":1,"4":1,"5":1,"6":1,"7":1}"#, "answers.3: is unanswered"),
        (["score", "lefs", "-"], #"{"1": 1.5}"#, "answers.1: should be a whole number"),
        (["score", "koos", "-"], "not json", "answers: is not valid JSON"),
        (["score", "oxford", "-"], "{}", "instrument: must be one of"),
    ])
    func refusesBadInputWithOneLine(arguments: [String], input: String, message: String) throws {
        let result = try KneeRehabBinary.run(arguments, input: input)
        #expect(result.status == 1)
        #expect(result.err.contains(message))
        #expect(result.err.split(separator: "\n").count == 1)
    }
}
