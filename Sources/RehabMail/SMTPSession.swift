import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// One SMTP conversation over a connected channel: sends each command, waits (with a deadline) for its whole
/// reply, and turns every refusal into a `MailError` naming the stage.
struct SMTPSession {
    let configuration: SMTPConfiguration
    let channel: any Channel
    let tlsContext: NIOSSLContext?
    var inbound: NIOAsyncChannelInboundStream<SMTPInbound>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    private var lineBuffer = SMTPLineBuffer()
    private var parser = SMTPReplyParser()
    private var lines: [String] = []
    private var secure: Bool

    init(
        configuration: SMTPConfiguration, channel: any Channel, tlsContext: NIOSSLContext?,
        inbound: NIOAsyncChannelInboundStream<SMTPInbound>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.configuration = configuration
        self.channel = channel
        self.tlsContext = tlsContext
        self.inbound = inbound
        self.outbound = outbound
        self.secure = configuration.security == .implicitTLS
    }

    /// The whole conversation for one message; returns the receipt once the server has taken it.
    mutating func deliver(_ payload: [UInt8], envelope: MailEnvelope) async throws(MailError) -> DeliveryReceipt {
        try expect(await exchange(nil, stage: .greeting), stage: .greeting, code: .rejected)
        var capabilities = try await hello()
        if configuration.security == .startTLS {
            guard capabilities.startTLS else {
                throw MailError(.startTLSUnavailable, field: SMTPStage.startTLS.rawValue, isPermanent: true)
            }
            try expect(await exchange("STARTTLS", stage: .startTLS), stage: .startTLS, code: .tls)
            try await startTLS()
            capabilities = try await hello()
        }
        if let credentials = configuration.credentials {
            try await authenticate(credentials, capabilities: capabilities)
        }
        try expect(
            await exchange("MAIL FROM:<\(envelope.sender.address)>", stage: .mailFrom), stage: .mailFrom,
            code: .rejected)
        for recipient in envelope.recipients {
            try expect(
                await exchange("RCPT TO:<\(recipient.address)>", stage: .rcptTo), stage: .rcptTo, code: .rejected)
        }
        try expect(await exchange("DATA", stage: .data), stage: .data, code: .rejected, accepting: 354)
        let reply = try await exchange(bytes: payload, stage: .message)
        try expect(reply, stage: .message, code: .rejected)
        // The message is delivered; a failed or slow goodbye changes nothing, so it gets a short deadline.
        _ = try? await exchange(
            bytes: Array("QUIT\r\n".utf8), stage: .quit, within: min(configuration.replyTimeout, .seconds(2)))
        return DeliveryReceipt(reply: reply)
    }

    /// EHLO, or HELO when the server does not know EHLO; returns what the server offers.
    private mutating func hello() async throws(MailError) -> SMTPCapabilities {
        let ehlo = try await exchange("EHLO \(configuration.clientName)", stage: .ehlo)
        if ehlo.isSuccess { return SMTPCapabilities(ehlo: ehlo) }
        guard ehlo.isPermanentFailure else { throw MailError.refused(.rejected, stage: .ehlo, reply: ehlo) }
        try expect(await exchange("HELO \(configuration.clientName)", stage: .helo), stage: .helo, code: .rejected)
        return SMTPCapabilities()
    }

    /// Puts TLS in front of the conversation, refusing any byte that arrived before it.
    private mutating func startTLS() async throws(MailError) {
        guard lines.isEmpty, !lineBuffer.hasPartialLine, !parser.isInsideReply else {
            throw MailError(.protocolViolation, field: SMTPStage.startTLS.rawValue, isPermanent: false)
        }
        guard let tlsContext else { throw MailError(.tls, field: SMTPStage.startTLS.rawValue, isPermanent: true) }
        let hostname = SMTPClient.serverHostname(configuration.host)
        do {
            try await channel.eventLoop.submit { [channel] in
                let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: hostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                try channel.pipeline.syncOperations.handler(type: SMTPReadMarker.self).secure = true
            }.get()
        } catch {
            throw SMTPClient.classify(error, stage: .startTLS)
        }
        secure = true
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN (RFC 4954, 4616).
    private mutating func authenticate(
        _ credentials: SMTPConfiguration.Credentials, capabilities: SMTPCapabilities
    ) async throws(MailError) {
        var reply: SMTPReply
        if capabilities.authMechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(credentials.user)\0\(credentials.password)")
            reply = try await exchange("AUTH PLAIN \(token)", stage: .auth)
        } else if capabilities.authMechanisms.contains("LOGIN") {
            reply = try await exchange("AUTH LOGIN", stage: .auth)
            if reply.code == 334 { reply = try await exchange(Self.base64(credentials.user), stage: .auth) }
            if reply.code == 334 {
                reply = try await exchange(Self.base64(credentials.password), stage: .auth)
            }
        } else {
            throw MailError(.authenticationUnavailable, field: SMTPStage.auth.rawValue, isPermanent: true)
        }
        try expect(reply, stage: .auth, code: .authenticationFailed)
    }

    /// Throws unless `reply` is 2xx (or `accepting`).
    private func expect(
        _ reply: SMTPReply, stage: SMTPStage, code: MailError.Code, accepting: Int? = nil
    ) throws(MailError) {
        if accepting.map({ reply.code == $0 }) ?? reply.isSuccess { return }
        if reply.isSuccess || reply.isIntermediate {
            throw MailError(.protocolViolation, field: stage.rawValue, reply: reply, isPermanent: false)
        }
        throw MailError.refused(code, stage: stage, reply: reply)
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    // MARK: - The wire

    /// Sends a command line (or nothing, for the greeting) and waits for the whole reply.
    private mutating func exchange(
        _ command: String?, stage: SMTPStage
    ) async throws(MailError) -> SMTPReply {
        try await exchange(bytes: command.map { Array(($0 + "\r\n").utf8) }, stage: stage)
    }

    /// Sends bytes and waits for the reply; the connection closes when the reply is late, which ends the wait.
    private mutating func exchange(
        bytes: [UInt8]?, stage: SMTPStage, within timeout: Duration? = nil
    ) async throws(MailError) -> SMTPReply {
        let timedOut = NIOLockedValueBox(false)
        let channel = self.channel
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout ?? configuration.replyTimeout)) {
            timedOut.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        let result: Result<SMTPReply, any Error>
        do {
            if let bytes { try await write(bytes) }
            result = .success(try await readReply(stage: stage))
        } catch {
            result = .failure(error)
        }
        // Cancelled on the event loop, where it runs, so "the deadline fired" has one answer: a reply that raced
        // the deadline and lost counts as late, because the connection is closing anyway.
        let fired = try? await channel.eventLoop.submit {
            deadline.cancel()
            return timedOut.withLockedValue { $0 }
        }.get()
        if fired ?? timedOut.withLockedValue({ $0 }) {
            throw MailError(.timeout, field: stage.rawValue, isPermanent: false)
        }
        switch result {
        case .success(let reply): return reply
        case .failure(let error): throw SMTPClient.classify(error, stage: stage)
        }
    }

    /// Writes bytes; when that fails, the pipeline's own error (a failed TLS handshake, say) is the one to report.
    private mutating func write(_ bytes: [UInt8]) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            _ = try await inbound.next()
            throw error
        }
    }

    private mutating func readReply(stage: SMTPStage) async throws -> SMTPReply {
        while true {
            while !lines.isEmpty {
                if let reply = try parser.parse(line: lines.removeFirst()) { return reply }
            }
            guard let chunk = try await inbound.next() else {
                throw MailError(.connectionClosed, field: stage.rawValue, isPermanent: false)
            }
            // After STARTTLS only encrypted bytes count.
            guard chunk.secure || !secure else {
                throw MailError(.protocolViolation, field: stage.rawValue, isPermanent: false)
            }
            lines += try lineBuffer.append(chunk.bytes.readableBytesView)
        }
    }
}
