import Foundation
import RehabChildProcess
import Testing

@Suite struct ChildProcessTests {
    @Test func aFinishedProgramGivesItsStatusAndBothOutputs() async throws {
        let outcome = try await ChildProcess.run(
            "/bin/sh", ["-c", "cat; echo to-error >&2; exit 3"], input: Data("fed\n".utf8))
        #expect(outcome.exitStatus == 3 && outcome.signal == nil)
        #expect(outcome.output == "fed\n" && outcome.errorOutput == "to-error\n")
        #expect(!outcome.succeeded)
    }

    @Test func combinedOutputKeepsTheOrderItWasWritten() async throws {
        let outcome = try await ChildProcess.run(
            "/bin/sh", ["-c", "echo one; echo two >&2; echo three"], errorOutput: .combinedWithOutput)
        #expect(outcome.output == "one\ntwo\nthree\n" && outcome.errorOutput.isEmpty && outcome.succeeded)
    }

    /// swift-subprocess's own writer of data input stopped the process when the program ended before reading it.
    @Test func aProgramThatEndsWithoutReadingItsInputStillGivesItsOutcome() async throws {
        let input = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<50 {
            let outcome = try await ChildProcess.run("/bin/sh", ["-c", "echo done; exit 4"], input: input)
            #expect(outcome.exitStatus == 4 && outcome.output == "done\n")
        }
    }

    @Test func aProgramThatIsNotThereIsAnError() async {
        await #expect(throws: (any Error).self) { try await ChildProcess.run("/nonexistent/program") }
    }

    @Test func aRunningProgramAnswersLineByLineUntilItsInputCloses() async throws {
        let cat = try await RunningChildProcess.start("/bin/cat")
        cat.write("first\n")
        #expect(await cat.nextLine() == "first")
        cat.write("second\nthird\n")
        let found = await cat.line { $0 == "third" }
        #expect(found?.line == "third" && found?.before == ["second"])
        cat.closeInput()
        #expect(await cat.nextLine() == nil)
        let outcome = try await cat.waitForExit()
        #expect(outcome.exitStatus == 0 && cat.hasEnded)
    }

    @Test func aSignalEndsARunningProgram() async throws {
        let sleeper = try await RunningChildProcess.start("/bin/sleep", ["600"])
        #expect(await sleeper.nextLine(timeout: .milliseconds(100)) == nil, "nothing printed within the time")
        #expect(!sleeper.hasEnded)
        let outcome = try await sleeper.stop(SIGKILL)
        #expect(outcome.signal == SIGKILL && outcome.exitStatus == nil)
    }

    /// Foundation's `Process.run()` read past a directory buffer when many files were open; these children start
    /// with up to two thousand descriptors open in this process, and none of them is handed to a child.
    @Test func manyOpenFilesNeitherStopAStartNorLeakIntoTheChild() async throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let descriptors = (0..<min(2_000, Int(limit.rlim_cur) / 2)).map { _ in open("/dev/null", O_RDONLY) }
        defer { descriptors.filter { $0 >= 0 }.forEach { close($0) } }
        #expect(descriptors.allSatisfy { $0 >= 0 })
        for _ in 0..<20 {
            let outcome = try await ChildProcess.run("/bin/sh", ["-c", "ls /proc/self/fd | wc -l"])
            let count = try #require(Int(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(count < 10, "only the standard three (and the listing's own) are open in the child")
        }
    }
}
