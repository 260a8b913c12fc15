import NIOCore

/// Bytes read from the server, marked with whether they came through TLS.
struct SMTPInbound: Sendable {
    /// The bytes.
    var bytes: ByteBuffer
    /// True when the TLS handler decrypted them.
    var secure: Bool
}

/// Marks each read with whether TLS was in place when it arrived. After STARTTLS, bytes that were read before the
/// handshake (and so may have been injected by someone on the path, CVE-2011-0411's attack) are told apart from
/// the encrypted replies and refused.
final class SMTPReadMarker: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = SMTPInbound

    /// Set on the event loop at the moment the TLS handler goes in front of this one.
    var secure: Bool

    init(secure: Bool) {
        self.secure = secure
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(wrapInboundOut(SMTPInbound(bytes: unwrapInboundIn(data), secure: secure)))
    }
}

@available(*, unavailable)
extension SMTPReadMarker: Sendable {}
