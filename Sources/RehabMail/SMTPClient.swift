import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO: one connection per message — greeting, EHLO (or HELO), STARTTLS
/// when configured, AUTH when credentials are given, MAIL FROM, RCPT TO, DATA, QUIT.
///
/// Simple and robust over fast: a message is a few kilobytes and a clinic sends a few hundred a day. Every failure
/// is a `MailError` that says whether a retry can help.
public struct SMTPClient: MailTransport {
    /// The server and how to reach it.
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private let tlsContext: NIOSSLContext?

    /// Makes a client; loads the trust roots now, so a bad `cafile` fails at start-up, not on the first mail.
    public init(
        configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws(MailError) {
        self.configuration = configuration
        self.group = eventLoopGroup
        guard configuration.security != .plain else {
            self.tlsContext = nil
            return
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if case .pemFile(let path) = configuration.trustRoots {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            } catch {
                throw MailError(.invalidConfiguration, field: "cafile", isPermanent: true)
            }
        }
        do {
            self.tlsContext = try NIOSSLContext(configuration: tls)
        } catch {
            throw MailError(.tls, field: "cafile", isPermanent: true)
        }
    }

    /// Delivers the message over a new connection and returns the server's reply to its end of DATA.
    public func send(_ message: MailMessage, envelope: MailEnvelope) async throws(MailError) -> DeliveryReceipt {
        guard !envelope.recipients.isEmpty else { throw MailError(.invalidAddress, field: "to", isPermanent: true) }
        let payload = SMTPDataEncoding.encode(try MailEncoder.encode(message))
        let channel = try await connect()
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(
                    configuration: configuration, channel: channel.channel, tlsContext: tlsContext,
                    inbound: inbound.makeAsyncIterator(), outbound: outbound)
                return try await session.deliver(payload, envelope: envelope)
            }
        } catch let error as MailError {
            throw error
        } catch {
            throw Self.classify(error, stage: .connect)
        }
    }

    private func connect() async throws(MailError) -> NIOAsyncChannel<SMTPInbound, ByteBuffer> {
        let implicitTLS = configuration.security == .implicitTLS ? tlsContext : nil
        let serverHostname = Self.serverHostname(configuration.host)
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        if let implicitTLS {
                            try sync.addHandler(
                                NIOSSLClientHandler(context: implicitTLS, serverHostname: serverHostname))
                        }
                        try sync.addHandler(SMTPReadMarker(secure: implicitTLS != nil))
                        return try NIOAsyncChannel<SMTPInbound, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Self.classify(error, stage: .connect)
        }
    }

    /// The name to send in SNI and to check the certificate against; nil for an IP literal, whose certificate is
    /// checked against the address instead.
    static func serverHostname(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// Maps what NIO and NIOSSL throw to a `MailError`.
    static func classify(_ error: any Error, stage: SMTPStage) -> MailError {
        switch error {
        case let error as MailError:
            return error
        case ChannelError.connectTimeout:
            return MailError(.timeout, field: stage.rawValue, isPermanent: false)
        // A failed handshake or certificate check fails the same way next time: the settings need fixing.
        case NIOSSLError.handshakeFailed, is BoringSSLError, is NIOSSLExtraError:
            return MailError(.tls, field: stage.rawValue, isPermanent: true)
        case NIOSSLError.uncleanShutdown:
            return MailError(.connectionClosed, field: stage.rawValue, isPermanent: false)
        case is NIOSSLError:
            return MailError(.tls, field: stage.rawValue, isPermanent: false)
        default:
            let code: MailError.Code = stage == .connect ? .connectionFailed : .connectionClosed
            return MailError(code, field: stage.rawValue, isPermanent: false)
        }
    }
}

extension TimeAmount {
    /// The same span in NIO's unit, rounded down to the nanosecond.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
