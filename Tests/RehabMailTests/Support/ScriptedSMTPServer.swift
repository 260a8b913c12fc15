import NIOCore
import NIOPosix

/// A tiny TCP server on 127.0.0.1 that plays a script instead of SMTP: what to send on connect, and what to answer
/// each line the client sends (nil: say nothing). For the shapes a real server will not produce on demand —
/// silence, injected bytes, garbage. An answer of `ScriptedSMTPServer.close` closes the connection instead.
final class ScriptedSMTPServer: Sendable {
    /// The answer that closes the connection.
    static let close = "<close>"

    /// The port it listens on.
    let port: Int
    private let channel: any Channel

    /// Starts listening; `greeting` goes out on connect, `answer` maps each received line to a reply.
    init(greeting: String?, answer: @escaping @Sendable (String) -> String? = { _ in nil }) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptHandler(greeting: greeting, answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// Stops listening.
    func stop() async {
        try? await channel.close()
    }
}

private final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let greeting: String?
    let answer: @Sendable (String) -> String?
    var pending = ""

    init(greeting: String?, answer: @escaping @Sendable (String) -> String?) {
        self.greeting = greeting
        self.answer = answer
    }

    func channelActive(context: ChannelHandlerContext) {
        if let greeting { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += String(buffer: unwrapInboundIn(data))
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending = String(pending[end.upperBound...])
            if answer(line) == ScriptedSMTPServer.close {
                context.close(promise: nil)
                return
            }
            if let reply = answer(line) {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            }
        }
    }
}
