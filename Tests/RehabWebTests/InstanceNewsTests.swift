import Foundation
import RehabCore
import Synchronization
import Testing

@testable import RehabWeb

/// An instance announces its writes to the others at most once per spacing, and never leaves a write unannounced.
struct InstanceNewsTests {
    /// A channel that notes when each announcement went out.
    final class RecordingChannel: ServerNewsChannel {
        let times = Mutex<[ContinuousClock.Instant]>([])

        func announce(_ news: ServerNews) async throws {
            times.withLock { $0.append(ContinuousClock.now) }
        }

        func listen(
            listening: @escaping @Sendable () async -> Void, receive: @escaping @Sendable (ServerNews) async -> Void
        ) async {}
    }

    @Test func aSecondOfWritesGivesAFewAnnouncementsSpacedApartAndTheLastWriteIsAnnounced() async throws {
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
        let deadline = lastWrite + .seconds(10)
        while channel.times.withLock({ $0.last ?? start }) < lastWrite, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let times = channel.times.withLock { $0 }
        #expect(times.last.map { $0 >= lastWrite } == true, "the last write was announced")
        let spacing = InstanceNews.announcementSpacing
        #expect(
            times.count <= 1 + Int((lastWrite - start) / spacing) + 1,
            "\(times.count) announcements for \(writes) writes")
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= spacing)
        }
        #expect(times.last.map { $0 - lastWrite < spacing + .seconds(1) } == true, "announced within the second")
    }
}
