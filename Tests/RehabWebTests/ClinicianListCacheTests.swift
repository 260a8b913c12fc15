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
        let generation = await cache.currentGeneration
        await cache.store([], alerts: [:], for: clinician, asOf: day, now: now, readAt: generation)
        #expect(await cache.entry(for: clinician, asOf: day, now: now.addingTimeInterval(1)) != nil)
        #expect(await cache.entry(for: clinician, asOf: day, now: now.addingTimeInterval(2)) == nil)
        #expect(await cache.entry(for: clinician, asOf: day.adding(days: 1), now: now) == nil)
        #expect(await cache.entry(for: .generate(), asOf: day, now: now) == nil)
    }

    @Test func aWriteEmptiesItAndAReadThatRacedAWriteIsNotKept() async {
        let cache = ClinicianListCache(lifetime: 60)
        let before = await cache.currentGeneration
        await cache.store([], alerts: [:], for: clinician, asOf: day, now: now, readAt: before)
        await cache.invalidate()
        #expect(await cache.entry(for: clinician, asOf: day, now: now) == nil)
        await cache.store([], alerts: [:], for: clinician, asOf: day, now: now, readAt: before)
        #expect(await cache.entry(for: clinician, asOf: day, now: now) == nil)
    }
}
