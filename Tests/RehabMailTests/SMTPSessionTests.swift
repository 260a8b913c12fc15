import Foundation
import RehabMail
import Testing

/// The conversation against scripted servers: the shapes a real server does not produce on demand.
struct SMTPSessionTests {
    /// A client for the scripted server; the reply deadline is generous unless a test is about it, as the machine
    /// may be busy.
    static func client(
        _ server: ScriptedSMTPServer, security: SMTPConfiguration.Security = .plain,
        replyTimeout: Duration = .seconds(30)
    ) throws -> SMTPClient {
        try SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: server.port, security: security, replyTimeout: replyTimeout))
    }

    /// Answers a whole conversation the ordinary way.
    static func ordinary(_ line: String) -> String? {
        switch line.prefix(4) {
        case "EHLO": "250-scripted.test greets you\r\n250-SIZE 1000000\r\n250 8BITMIME\r\n"
        case "MAIL", "RCPT": "250 2.1.0 Ok\r\n"
        case "DATA": "354 End data with <CR><LF>.<CR><LF>\r\n"
        case "QUIT": "221 2.0.0 Bye\r\n"
        default: line == "." ? "250-2.0.0 Ok: queued\r\n250 2.0.0 as S1\r\n" : nil
        }
    }

    @Test func multiLineRepliesAreReadWhole() async throws {
        let server = try await ScriptedSMTPServer(
            greeting: "220-scripted.test\r\n220 ESMTP ready\r\n", answer: Self.ordinary)
        defer { Task { await server.stop() } }
        let receipt = try await Self.client(server).send(try MailFixtures.message())
        #expect(receipt.reply == SMTPReply(code: 250, lines: ["2.0.0 Ok: queued", "2.0.0 as S1"]))
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await ScriptedSMTPServer(greeting: nil)
        defer { Task { await server.stop() } }
        await #expect(throws: MailError(.timeout, field: "greeting", isPermanent: false)) {
            try await Self.client(server, replyTimeout: .milliseconds(300)).send(try MailFixtures.message())
        }
    }

    @Test func aServerThatFallsSilentMidConversationTimesOut() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi\r\n") { line in
            line.hasPrefix("EHLO") ? "250 ok\r\n" : nil
        }
        defer { Task { await server.stop() } }
        await #expect(throws: MailError(.timeout, field: "MAIL FROM", isPermanent: false)) {
            // Long enough that a loaded machine still answers EHLO in time; MAIL FROM never gets an answer.
            try await Self.client(server, replyTimeout: .seconds(20)).send(try MailFixtures.message())
        }
    }

    @Test func garbageIsAProtocolViolation() async throws {
        let server = try await ScriptedSMTPServer(greeting: "HTTP/1.1 400 Bad Request\r\n")
        defer { Task { await server.stop() } }
        await #expect(throws: MailError(.protocolViolation, field: "reply", isPermanent: false)) {
            try await Self.client(server).send(try MailFixtures.message())
        }
    }

    @Test func aClosedConnectionIsTransient() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi\r\n") { _ in ScriptedSMTPServer.close }
        defer { Task { await server.stop() } }
        await #expect(throws: MailError(.connectionClosed, field: "EHLO", isPermanent: false)) {
            try await Self.client(server).send(try MailFixtures.message())
        }
    }

    @Test func aBusyGreetingIsTransient() async throws {
        let server = try await ScriptedSMTPServer(greeting: "421 4.3.2 Too busy\r\n")
        defer { Task { await server.stop() } }
        let reply = SMTPReply(code: 421, lines: ["4.3.2 Too busy"])
        await #expect(throws: MailError(.rejected, field: "greeting", reply: reply, isPermanent: false)) {
            try await Self.client(server).send(try MailFixtures.message())
        }
    }

    @Test func bytesInjectedBeforeTheTLSHandshakeAreRefused() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 hi\r\n") { line in
            switch line {
            case let line where line.hasPrefix("EHLO"): "250-hi\r\n250 STARTTLS\r\n"
            // A reply smuggled in behind the STARTTLS answer, as an attacker on the path would.
            case "STARTTLS": "220 2.0.0 Ready\r\n250 2.1.0 injected\r\n"
            default: nil
            }
        }
        defer { Task { await server.stop() } }
        await #expect(throws: MailError(.protocolViolation, field: "STARTTLS", isPermanent: false)) {
            try await Self.client(server, security: .startTLS).send(try MailFixtures.message())
        }
    }
}
