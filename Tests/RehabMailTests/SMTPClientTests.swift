import Foundation
import NIOCore
import NIOPosix
import RehabMail
import RehabTesting
import Testing

/// The client against a real SMTP server (aiosmtpd, `tools/mail/smtp_sink.py`), each test with its own.
@Suite(.enabled(if: SMTPSink.python != nil, SMTPSink.skipped))
struct SMTPClientTests {
    /// A client for the sink, from a URL as an operator would write it.
    static func client(_ url: String) throws -> SMTPClient {
        var configuration = try SMTPConfiguration(url: url)
        configuration.replyTimeout = .seconds(20)
        return try SMTPClient(configuration: configuration)
    }

    @Test func aPlainDeliveryArrivesAsTheMailThatWasSent() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let message = try MailFixtures.message()
        let receipt = try await Self.client("smtp://127.0.0.1:\(sink.port)").send(message)
        #expect(receipt.reply.code == 250)
        #expect(receipt.text == "2.0.0 Ok: queued as SINK1")

        let received = try #require(try sink.messages().first)
        #expect(received.subject == message.subject)
        #expect(received.fromDisplayName == "Riverside Knee Clinic")
        #expect(received.fromAddress == "notices@clinic.example")
        #expect(received.to == ["therapist@clinic.example"])
        #expect(received.messageId == "<delivery-42@clinic.example>")
        #expect(received.date == "Wed, 02 Dec 2026 08:05:09 +0000")
        #expect(received.contentType == "text/plain")
        #expect(received.charset == "utf-8")
        #expect(received.transferEncoding == "quoted-printable")
        #expect(received.body == message.body)
        #expect(received.defects.isEmpty)
        #expect(received.sevenBit && received.bareLineFeeds == 0 && received.longestLine <= 78)
        #expect(received.mailFrom == "notices@clinic.example" && received.rcptTos == ["therapist@clinic.example"])
        #expect(!received.tls && !received.authenticated)
        #expect(received.listUnsubscribe == nil)
    }

    @Test func spanishSubjectNameAndBodyRoundTripWithTheUnsubscribeHeaders() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let subject = "Recordatorio: tus ejercicios de hoy — ¡ánimo, Begoña! 💪 Quedan pocos días para la revisión"
        let body =
            "Hola:\n\nHoy toca rodilla: extensión, flexión y equilibrio.\nSi algo duele, díselo a tu "
            + "fisioterapeuta.\n\nBaja de estos avisos: https://clínica.example/baja\n"
            + String(repeating: "ñ", count: 120)
        let url = "https://clinic.example/unsubscribe/" + String(repeating: "Zz9", count: 40)
        let message = try MailFixtures.message(
            subject: subject, body: body, fromName: "Clínica de la Rodilla", listUnsubscribe: ListUnsubscribe(url: url))
        _ = try await Self.client("smtp://127.0.0.1:\(sink.port)").send(message)

        let received = try #require(try sink.messages().first)
        #expect(received.subject == subject)
        #expect(received.fromDisplayName == "Clínica de la Rodilla")
        #expect(received.body == body + "\n")
        // Python keeps the folding space when the value starts on a continuation line.
        #expect(received.listUnsubscribe?.trimmingCharacters(in: .whitespaces) == "<\(url)>")
        #expect(received.listUnsubscribePost == "List-Unsubscribe=One-Click")
        #expect(received.defects.isEmpty && received.sevenBit)
        // Only the one unbreakable link may pass 78 characters.
        #expect(received.raw.components(separatedBy: "\r\n").filter { $0.utf8.count > 78 } == [" <\(url)>"])
    }

    @Test func bodyLinesThatStartWithADotArriveWhole() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let body = "Before\n.\n..two\n.hidden line\n. \nAfter\n"
        _ = try await Self.client("smtp://127.0.0.1:\(sink.port)").send(try MailFixtures.message(body: body))
        #expect(try sink.messages().first?.body == body)
    }

    @Test(arguments: ["localhost", "127.0.0.1"])
    func startTLSWithATrustedSelfSignedCertificate(host: String) async throws {
        let certificate = try await TestCertificate.localhost.value
        let sink = try await SMTPSink(certificate.sinkOptions)
        defer { sink.end() }
        let url = "smtp://\(host):\(sink.port)?starttls=required&cafile=\(certificate.certificate)"
        let receipt = try await Self.client(url).send(try MailFixtures.message())
        #expect(receipt.text.contains("queued as SINK1"))
        #expect(try sink.messages().first?.tls == true)
    }

    @Test func implicitTLSWithAuthentication() async throws {
        let certificate = try await TestCertificate.localhost.value
        let sink = try await SMTPSink(
            certificate.sinkOptions + ["--implicit-tls", "--user", "clinic", "--password", "pw"])
        defer { sink.end() }
        let url = "smtps://clinic:pw@localhost:\(sink.port)?cafile=\(certificate.certificate)"
        _ = try await Self.client(url).send(try MailFixtures.message())
        let received = try #require(try sink.messages().first)
        #expect(received.tls && received.authenticated)
    }

    @Test func anUntrustedCertificateIsRefusedAndNothingIsSent() async throws {
        let certificate = try await TestCertificate.localhost.value
        let sink = try await SMTPSink(certificate.sinkOptions)
        defer { sink.end() }
        // The system's roots do not include the test's self-signed certificate.
        let error = await Self.failure("smtp://localhost:\(sink.port)?starttls=required")
        #expect(error?.code == .tls)
        #expect(error?.isPermanent == true)
        #expect(try sink.messages().isEmpty)
    }

    @Test func aCertificateForAnotherHostIsRefused() async throws {
        let certificate = try await TestCertificate.nameOnly.value
        let sink = try await SMTPSink(certificate.sinkOptions)
        defer { sink.end() }
        let url = "smtp://127.0.0.1:\(sink.port)?starttls=required&cafile=\(certificate.certificate)"
        let error = await Self.failure(url)
        #expect(error?.code == .tls)
        #expect(try sink.messages().isEmpty)
    }

    @Test func requiredStartTLSThatTheServerDoesNotOfferIsPermanent() async throws {
        let sink = try await SMTPSink()
        defer { sink.end() }
        let error = await Self.failure("smtp://127.0.0.1:\(sink.port)?starttls=required")
        #expect(error == MailError(.startTLSUnavailable, field: "STARTTLS", isPermanent: true))
    }

    @Test(arguments: [false, true])
    func authenticationWithPlainOrLogin(onlyLogin: Bool) async throws {
        let certificate = try await TestCertificate.localhost.value
        let sink = try await SMTPSink(
            certificate.sinkOptions + ["--user", "clinic@example.org", "--password", "p@ss:word"]
                + (onlyLogin ? ["--only-login"] : []))
        defer { sink.end() }
        let url =
            "smtp://clinic%40example.org:p%40ss%3Aword@localhost:\(sink.port)?starttls=required"
            + "&cafile=\(certificate.certificate)"
        _ = try await Self.client(url).send(try MailFixtures.message())
        let received = try #require(try sink.messages().first)
        #expect(received.authenticated && received.tls)
    }

    @Test func aWrongPasswordIsAPermanentFailure() async throws {
        let certificate = try await TestCertificate.localhost.value
        let sink = try await SMTPSink(certificate.sinkOptions + ["--user", "clinic", "--password", "right"])
        defer { sink.end() }
        let url = "smtp://clinic:wrong@localhost:\(sink.port)?starttls=required&cafile=\(certificate.certificate)"
        let error = await Self.failure(url)
        #expect(error?.code == .authenticationFailed)
        #expect(error?.reply?.code == 535)
        #expect(error?.isPermanent == true)
        #expect(try sink.messages().isEmpty)
    }

    @Test func a4xxIsTransientAndTheRetrySucceeds() async throws {
        let sink = try await SMTPSink(["--fail-first", "1"])
        defer { sink.end() }
        let client = try Self.client("smtp://127.0.0.1:\(sink.port)")
        let error = await Self.failure(client: client)
        #expect(error?.code == .rejected)
        #expect(error?.field == "end of data")
        #expect(error?.reply?.code == 451)
        #expect(error?.isPermanent == false)
        #expect(try sink.messages().isEmpty)
        _ = try await client.send(try MailFixtures.message())
        #expect(try sink.messages().count == 1)
    }

    @Test func aRefusedRecipientIsPermanent() async throws {
        let sink = try await SMTPSink(["--reject-recipient", "therapist@clinic.example"])
        defer { sink.end() }
        let error = await Self.failure("smtp://127.0.0.1:\(sink.port)")
        #expect(error?.code == .rejected)
        #expect(error?.field == "RCPT TO")
        #expect(error?.reply?.enhancedStatus == "5.1.1")
        #expect(error?.isPermanent == true)
    }

    @Test func aServerWithoutEHLOGetsHELO() async throws {
        let sink = try await SMTPSink(["--no-ehlo"])
        defer { sink.end() }
        _ = try await Self.client("smtp://127.0.0.1:\(sink.port)").send(try MailFixtures.message())
        #expect(try sink.messages().count == 1)
    }

    /// Sends the fixture message through a client for `url` and returns the error it failed with (nil if it was
    /// delivered).
    static func failure(_ url: String) async -> MailError? {
        do {
            return await failure(client: try client(url))
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    /// Sends the fixture message and returns the error it failed with (nil if it was delivered).
    static func failure(client: SMTPClient) async -> MailError? {
        do {
            _ = try await client.send(try MailFixtures.message())
            return nil
        } catch let error as MailError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }
}

/// Failures that need no SMTP server.
struct SMTPClientConnectionTests {
    @Test func aRefusedConnectionIsTransient() async throws {
        // A port that was just listening and is now closed refuses connections.
        let server = try await ScriptedSMTPServer(greeting: nil)
        let port = server.port
        await server.stop()
        let client = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port))
        await #expect(throws: MailError(.connectionFailed, field: "connect", isPermanent: false)) {
            try await client.send(try MailFixtures.message())
        }
    }

    @Test func aMissingCAFileFailsWhenTheClientIsMade() {
        let configuration = SMTPConfiguration(
            host: "localhost", port: 25, security: .startTLS, trustRoots: .pemFile("/nonexistent/ca.pem"))
        #expect(throws: MailError(.invalidConfiguration, field: "cafile", isPermanent: true)) {
            try SMTPClient(configuration: configuration)
        }
    }
}
