import Foundation
import RehabCore
import Testing

@testable import RehabWeb

/// The clinician list cache never serves a list older than the last write through this server, nor older than
/// its lifetime.
struct ClinicianListCacheTests {
    let clinician = AccountID.generate()
    let day = CalendarDate(dayNumber: 20_000)
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func aFreshEntryIsServedUntilItExpires() async {
        let cache = ClinicianListCache(lifetime: 2)
        let generation = cache.currentGeneration
        await cache.store(
            [], alerts: [:], unread: [:], body: Data(), for: clinician, asOf: day, now: now, readAt: generation)
        #expect(await cache.lookup(clinician, asOf: day, now: now.addingTimeInterval(1))?.fresh == true)
        #expect(await cache.lookup(clinician, asOf: day, now: now.addingTimeInterval(2))?.fresh == false)
        #expect(await cache.lookup(clinician, asOf: day.adding(days: 1), now: now) == nil)
        #expect(await cache.lookup(.generate(), asOf: day, now: now) == nil)
    }

    @Test func anExpiredEntryStillAnswersForItsStaleLimitUntilAWrite() async {
        let cache = ClinicianListCache(lifetime: 2, staleLimit: 10)
        await cache.store(
            [], alerts: [:], unread: [:], body: Data(), for: clinician, asOf: day, now: now,
            readAt: cache.currentGeneration)
        #expect(await cache.lookup(clinician, asOf: day, now: now.addingTimeInterval(1))?.fresh == true)
        #expect(await cache.lookup(clinician, asOf: day, now: now.addingTimeInterval(3))?.fresh == false)
        #expect(await cache.lookup(clinician, asOf: day, now: now.addingTimeInterval(11.9)) != nil)
        #expect(await cache.lookup(clinician, asOf: day, now: now.addingTimeInterval(12)) == nil)
        cache.invalidate()
        #expect(await cache.lookup(clinician, asOf: day, now: now.addingTimeInterval(3)) == nil)
    }

    @Test func aWriteEmptiesItAndAReadThatRacedAWriteIsNotKept() async {
        let cache = ClinicianListCache(lifetime: 60)
        let before = cache.currentGeneration
        await cache.store(
            [], alerts: [:], unread: [:], body: Data(), for: clinician, asOf: day, now: now, readAt: before)
        cache.invalidate()
        #expect(await cache.lookup(clinician, asOf: day, now: now) == nil)
        await cache.store(
            [], alerts: [:], unread: [:], body: Data(), for: clinician, asOf: day, now: now, readAt: before)
        #expect(await cache.lookup(clinician, asOf: day, now: now) == nil)
    }

    @Test func readsThatMissTogetherShareOneQueryUntilAWrite() async throws {
        let cache = ClinicianListCache(lifetime: 60)
        let gate = Gate()
        let reads = Reads()
        let (day, now) = (self.day, self.now)
        let read: @Sendable (Int) async throws -> ClinicianListCache.Entry = { generation in
            await reads.count()
            await gate.wait()
            return ClinicianListCache.Entry(
                rows: [], alerts: [:], unread: [:], body: Data(), generation: generation, expires: now, asOf: day)
        }
        let first = await cache.flight(clinician, asOf: day, read: read)
        let second = await cache.flight(clinician, asOf: day, read: read)
        #expect(first == second, "a second miss joins the read under way")
        cache.invalidate()
        let third = await cache.flight(clinician, asOf: day, read: read)
        #expect(third != first, "after a write, a new read starts")
        await gate.open()
        let (a, b) = (try await first.value, try await third.value)
        #expect(a.generation < b.generation)
        #expect(await reads.total == 2)
    }
}

/// Holds reads until the test opens it.
private actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }
}

/// Counts reads.
private actor Reads {
    private(set) var total = 0
    func count() { total += 1 }
}
