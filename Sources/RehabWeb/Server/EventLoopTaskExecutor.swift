import HummingbirdCore
import Logging
import NIOCore

/// Runs a connection's tasks on the connection's own event loop.
///
/// Without it every request crosses threads twice more than it must: the event loop reads the request and hands
/// it to Swift's cooperative pool, whose thread runs the handler and hands the response back. With the loop as the
/// task's preferred executor the handler runs where the bytes arrived, and only work sent elsewhere on purpose (the
/// SQLite writer and readers, and on NIO's thread pool password hashing and the motion analysis of an upload)
/// leaves the loop. Handlers must therefore never block or compute for long: a loop serves many connections.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    /// The loop every job runs on; immutable, so the class is safe to share.
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A server child channel whose `handle` runs on its connection's event loop (see `EventLoopTaskExecutor`).
struct EventLoopBoundChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with each connection's handlers running on its event loop.
    static func http1OnEventLoops(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in
            EventLoopBoundChannel(base: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }
}
