import Foundation
import Testing

/// `kneerehab serve` shuts down cleanly on SIGTERM and SIGINT: exit status 0, with the SQLite store's background
/// checkpoints stopped and the database intact.
@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ServeCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheServerCleanly(_ signal: Int32) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("serve.sqlite").path
        let process = Process()
        process.executableURL = try #require(KneeRehabBinary.url)
        process.arguments = ["serve", "--port", "0", "--database", database]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Reads until the server says it is ready (or closes its output by dying).
        var output = ""
        while !output.contains("Ready in") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
        }
        #expect(output.contains("KneeRehab is running at http://127.0.0.1:"))
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let check = try KneeRehabBinary.run(["migrate", "--database", database], input: "")
        #expect(check.status == 0 && check.out == "schema up to date\n")
    }
}
