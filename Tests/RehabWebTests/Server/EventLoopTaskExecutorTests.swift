import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import RehabWeb

/// A connection's task runs on its event loop, and comes back to it after every suspension.
struct EventLoopTaskExecutorTests {
    @Test func aTaskPreferringTheLoopRunsOnItBeforeAndAfterASuspension() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loop = group.next()
        let executor = EventLoopTaskExecutor(loop)
        let (before, after) = await withTaskExecutorPreference(executor) {
            let before = loop.inEventLoop
            // A suspension that resumes from another thread, as a database write does.
            await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume() }
            }
            return (before, loop.inEventLoop)
        }
        #expect(before && after)
        #expect(!loop.inEventLoop)
        try await group.shutdownGracefully()
    }
}
