import Foundation
import RehabChildProcess

/// A real SMTP server for the tests: `tools/mail/smtp_sink.py` (PyPI aiosmtpd) on 127.0.0.1, run by the Python
/// that `KNEEREHAB_TEST_INTEROP_PYTHON` names. Each message it accepts becomes a JSON file of what Python's `email`
/// package read from the bytes.
public final class SMTPSink {
    /// The Python with aiosmtpd, when the environment names one.
    public static let python: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_INTEROP_PYTHON"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The port it listens on.
    public let port: Int
    /// Where it stores messages.
    let directory: URL
    private let process: RunningChildProcess

    /// Starts a server on `port` (0: one the system picks) with the script's options (e.g. `["--fail-first",
    /// "1"]`) and waits until it listens. It stops when its input closes: when the test process ends, however it
    /// ends.
    public init(port: Int = 0, _ options: [String] = []) async throws {
        guard let python = Self.python else { throw SinkDidNotStart() }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kneerehab-smtp-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process = try await RunningChildProcess.start(
            python,
            [
                Self.root.appendingPathComponent("tools/mail/smtp_sink.py").path,
                directory.appendingPathComponent("mail").path, "--port", String(port),
            ] + options)
        // Python takes a moment to start on a busy machine.
        let line = await process.line(timeout: .seconds(120)) { $0.hasPrefix("PORT ") }?.line
        guard let port = line.flatMap({ Int($0.dropFirst(5)) }) else {
            process.send(SIGKILL)
            throw SinkDidNotStart()
        }
        self.port = port
    }

    /// A port free a moment ago: a sink's, after it stopped.
    public static func freePort() async throws -> Int {
        let sink = try await SMTPSink()
        try await sink.stop()
        return sink.port
    }

    /// What the server stored, oldest first.
    public func messages() throws -> [ReceivedMail] {
        let folder = directory.appendingPathComponent("mail")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".json")
        }
        return try files.map {
            try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: folder.appendingPathComponent($0)))
        }
        .sorted { $0.number < $1.number }
    }

    /// Polls until `count` messages are stored or `seconds` pass; returns what is stored then.
    public func waitForMessages(_ count: Int, within seconds: TimeInterval) async throws -> [ReceivedMail] {
        let deadline = Date().addingTimeInterval(seconds)
        var found = try messages()
        while found.count < count, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            found = try messages()
        }
        return found
    }

    /// Stops the server, waits for it to end and removes its files.
    public func stop() async throws {
        process.closeInput()
        try await process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Asks the server to stop (closing its input, the signal it always gets) without waiting, and removes its
    /// files.
    public func end() {
        process.closeInput()
        process.send(SIGTERM)
        try? FileManager.default.removeItem(at: directory)
    }

    /// The server did not start: no Python named, or it never said which port it listens on.
    public struct SinkDidNotStart: Error {}
}

/// One message as the server received it and Python's `email` package parsed it.
public struct ReceivedMail: Decodable, Sendable {
    public let number: Int
    public let rawBase64: String
    public let longestLine: Int
    public let bareLineFeeds: Int
    public let sevenBit: Bool
    public let defects: [String]
    public let subject: String
    public let fromDisplayName: String
    public let fromAddress: String
    public let to: [String]
    public let date: String
    public let messageId: String
    public let contentType: String
    public let charset: String?
    public let transferEncoding: String
    public let listUnsubscribe: String?
    public let listUnsubscribePost: String?
    public let body: String?
    public let headerNames: [String]
    public let mailFrom: String
    public let rcptTos: [String]
    public let tls: Bool
    public let authenticated: Bool

    enum CodingKeys: String, CodingKey {
        case number, subject, to, date, charset, body, tls, authenticated, defects
        case rawBase64 = "raw_base64", longestLine = "longest_line", bareLineFeeds = "bare_line_feeds"
        case sevenBit = "seven_bit", fromDisplayName = "from_display_name", fromAddress = "from_address"
        case messageId = "message_id", contentType = "content_type", transferEncoding = "transfer_encoding"
        case listUnsubscribe = "list_unsubscribe", listUnsubscribePost = "list_unsubscribe_post"
        case headerNames = "header_names", mailFrom = "mail_from", rcptTos = "rcpt_tos"
    }

    /// The raw bytes as received.
    public var raw: String { String(decoding: Data(base64Encoded: rawBase64) ?? Data(), as: UTF8.self) }
}
