import Foundation
import RehabCore
import Synchronization
import Testing

@testable import RehabWeb

/// An instance announces its writes to the others at most once per spacing, and never leaves a write unannounced.
struct InstanceNewsTests {
    /// A channel that hands on the moment each announcement went out.
    final class RecordingChannel: ServerNewsChannel {
        let announcements: AsyncStream<ContinuousClock.Instant>
        private let announced: AsyncStream<ContinuousClock.Instant>.Continuation

        init() { (announcements, announced) = AsyncStream.makeStream() }

        func announce(_ news: ServerNews) async throws { announced.yield(ContinuousClock.now) }

        func listen(
            listening: @escaping @Sendable () async -> Void, receive: @escaping @Sendable (ServerNews) async -> Void
        ) async {}
    }

    // How soon the others hear of a write is the cluster test's to measure; here only that they do.
    @Test(.timeLimit(.minutes(1)))
    func aSecondOfWritesGivesAFewAnnouncementsSpacedApartAndTheLastWriteIsAnnounced() async throws {
        let channel = RecordingChannel()
        let news = InstanceNews(channel: channel, signedIn: SignedInCache(), lists: ClinicianListCache())
        let announcing = Task { await news.announceWrites() }
        defer { announcing.cancel() }
        let clock = ContinuousClock()
        let start = clock.now
        var writes = 0
        var lastWrite = start
        while clock.now - start < .seconds(1) {
            lastWrite = clock.now
            news.wrote()
            writes += 1
            try await Task.sleep(for: .milliseconds(2))
        }
        var times: [ContinuousClock.Instant] = []
        for await time in channel.announcements {
            times.append(time)
            if time >= lastWrite { break }
        }
        #expect(times.last.map { $0 >= lastWrite } == true, "the last write was announced")
        let spacing = InstanceNews.announcementSpacing
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= spacing)
        }
        // One at the first write, one per spacing while writes go on, one for the writes of the last pause, and one
        // more when a write lands just as an announcement goes out.
        #expect(
            times.count <= Int((lastWrite - start) / spacing) + 3,
            "\(times.count) announcements for \(writes) writes")
    }
}
