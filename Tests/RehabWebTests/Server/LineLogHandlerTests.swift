import Foundation
import Logging
import Synchronization
import Testing

@testable import RehabWeb

/// The server's log lines: the shape swift-log's `StreamLogHandler` writes, gathered and written in batches.
struct LineLogHandlerTests {
    /// What a `StreamLogHandler` writes, collected.
    final class Collected: TextOutputStream, @unchecked Sendable {
        var text = ""
        func write(_ string: String) { text += string }
    }

    /// A file to log into, with its descriptor, and what it holds so far.
    final class LogFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString).txt")
        let descriptor: Int32

        init() {
            FileManager.default.createFile(atPath: url.path, contents: nil)
            descriptor = open(url.path, O_WRONLY | O_APPEND)
        }

        var text: String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

        deinit {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
    }

    static let metadata: Logger.Metadata = [
        "route": "/api/v1/me/sessions", "method": "POST", "status": "201", "ms": "2.5", "role": "patient",
    ]

    @Test func writesTheLineStreamLogHandlerWrites() throws {
        let collected = Collected()
        var stream = StreamLogHandler(label: "kneerehab", stream: collected, metadataProvider: nil)
        stream.metadata["hb.request.id"] = "abc123"
        stream.log(
            event: LogEvent(
                level: .info, message: "request", metadata: Self.metadata, source: "RehabWeb", file: #fileID,
                function: #function, line: #line))
        var fields = Self.metadata
        fields["hb.request.id"] = "abc123"
        let line = LineLogHandler.line(
            level: .info, label: "kneerehab", metadata: fields, source: "RehabWeb", message: "request")
        // StreamLogHandler's line starts with its time stamp, which is the only part written elsewhere.
        let withoutStamp = String(collected.text.drop { $0 != " " })
        #expect(withoutStamp == line)
        let stamp = String(collected.text.prefix { $0 != " " })
        #expect(stamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}/) != nil)
        #expect(LogOutput.stamp(Int(time(nil))).count == stamp.count)
    }

    @Test func anEventsOwnMetadataWinsOverTheLoggers() {
        let file = LogFile()
        let output = LogOutput(descriptor: file.descriptor, clock: { 0 })
        var handler = LineLogHandler(label: "test", output: output)
        handler[metadataKey: "role"] = "anonymous"
        handler[metadataKey: "kept"] = "yes"
        handler.log(
            event: LogEvent(
                level: .info, message: "m", metadata: ["role": "patient"], source: "S", file: #fileID,
                function: #function, line: #line))
        output.flush()
        #expect(file.text == LogOutput.stamp(0) + " info test: kept=yes role=patient [S] m\n")
    }

    @Test func informationWaitsForAFlushAndAWarningWritesAtOnce() {
        let file = LogFile()
        let output = LogOutput(descriptor: file.descriptor, clock: { 1_764_000_000 })
        let logger = Logger(label: "test") { label in LineLogHandler(label: label, output: output) }
        logger.info("first")
        logger.debug("below the level")
        #expect(file.text.isEmpty)
        logger.warning("second")
        let both = file.text.split(separator: "\n")
        #expect(both.count == 2 && both[0].hasSuffix("] first") && both[1].hasSuffix("] second"))
        logger.info("third")
        #expect(file.text.split(separator: "\n").count == 2)
        output.flush()
        #expect(file.text.split(separator: "\n").last?.hasSuffix("] third") == true)
        #expect(!file.text.contains("below the level"))
    }

    @Test func aFullBatchIsWrittenWithoutAFlushInOrder() {
        let file = LogFile()
        let output = LogOutput(descriptor: file.descriptor, clock: { 0 })
        let logger = Logger(label: "test") { label in LineLogHandler(label: label, output: output) }
        var count = 0
        while file.text.isEmpty {
            count += 1
            logger.info("line \(count)")
        }
        let lines = file.text.split(separator: "\n")
        #expect(file.text.utf8.count >= LogOutput.batchBytes)
        #expect(lines.count == count)
        #expect(lines.enumerated().allSatisfy { $0.element.hasSuffix("] line \($0.offset + 1)") })
    }

    @Test func aNewSecondGetsANewStamp() {
        let file = LogFile()
        let second = Mutex(100)
        let output = LogOutput(descriptor: file.descriptor, clock: { second.withLock { $0 } })
        let logger = Logger(label: "test") { label in LineLogHandler(label: label, output: output) }
        logger.info("a")
        second.withLock { $0 = 3_700 }
        logger.info("b")
        output.flush()
        let lines = file.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix(LogOutput.stamp(100)) && lines[1].hasPrefix(LogOutput.stamp(3_700)))
        #expect(LogOutput.stamp(100) != LogOutput.stamp(3_700))
    }
}
