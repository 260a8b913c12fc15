import Foundation
import RehabChildProcess
import Testing

/// A real SMTP server for the tests: `tools/mail/smtp_sink.py` (PyPI aiosmtpd) on 127.0.0.1, run by the Python
/// that `KNEEREHAB_TEST_INTEROP_PYTHON` names. Each message it accepts becomes a JSON file of what Python's `email`
/// package read from the bytes.
final class SMTPSink {
    /// The Python with aiosmtpd, when the environment names one.
    static let python: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_INTEROP_PYTHON"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// Why the tests against the server are skipped.
    static let skipped: Comment = """
        SMTP server tests SKIPPED: set KNEEREHAB_TEST_INTEROP_PYTHON to a Python with PyPI aiosmtpd \
        (tools/mail/requirements.txt)
        """

    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The port it listens on.
    let port: Int
    /// Where it stores messages.
    let directory: URL
    private let process: RunningChildProcess

    /// Starts a server with the script's options (e.g. `["--fail-first", "1"]`) and waits until it listens. It
    /// stops when its input closes: when the test process ends, however it ends.
    init(_ options: [String] = []) async throws {
        let python = try #require(Self.python)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kneerehab-smtp-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process = try await RunningChildProcess.start(
            python,
            [
                Self.root.appendingPathComponent("tools/mail/smtp_sink.py").path,
                directory.appendingPathComponent("mail").path,
            ] + options)
        // Python takes a moment to start on a busy machine.
        let line = await process.line(timeout: .seconds(120)) { $0.hasPrefix("PORT ") }?.line
        guard let port = line.flatMap({ Int($0.dropFirst(5)) }) else {
            process.send(SIGKILL)
            throw SinkDidNotStart()
        }
        self.port = port
    }

    /// What the server stored, oldest first.
    func messages() throws -> [ReceivedMail] {
        let folder = directory.appendingPathComponent("mail")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        return try files.map {
            try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: folder.appendingPathComponent($0)))
        }
        .sorted { $0.number < $1.number }
    }

    /// Stops the server, waits for it to end and removes its files.
    func stop() async throws {
        process.closeInput()
        try await process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Asks the server to stop (closing its input, the signal it always gets) without waiting, and removes its
    /// files.
    func end() {
        process.closeInput()
        process.send(SIGTERM)
        try? FileManager.default.removeItem(at: directory)
    }

    struct SinkDidNotStart: Error {}
}

/// One message as the server received it and Python's `email` package parsed it.
struct ReceivedMail: Decodable {
    let number: Int
    let rawBase64: String
    let longestLine: Int
    let bareLineFeeds: Int
    let sevenBit: Bool
    let defects: [String]
    let subject: String
    let fromDisplayName: String
    let fromAddress: String
    let to: [String]
    let date: String
    let messageId: String
    let contentType: String
    let charset: String?
    let transferEncoding: String
    let listUnsubscribe: String?
    let listUnsubscribePost: String?
    let body: String?
    let headerNames: [String]
    let mailFrom: String
    let rcptTos: [String]
    let tls: Bool
    let authenticated: Bool

    enum CodingKeys: String, CodingKey {
        case number, subject, to, date, charset, body, tls, authenticated, defects
        case rawBase64 = "raw_base64", longestLine = "longest_line", bareLineFeeds = "bare_line_feeds"
        case sevenBit = "seven_bit", fromDisplayName = "from_display_name", fromAddress = "from_address"
        case messageId = "message_id", contentType = "content_type", transferEncoding = "transfer_encoding"
        case listUnsubscribe = "list_unsubscribe", listUnsubscribePost = "list_unsubscribe_post"
        case headerNames = "header_names", mailFrom = "mail_from", rcptTos = "rcpt_tos"
    }

    /// The raw bytes as received.
    var raw: String { String(decoding: Data(base64Encoded: rawBase64) ?? Data(), as: UTF8.self) }
}
