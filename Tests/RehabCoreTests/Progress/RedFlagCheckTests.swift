import RehabTesting
import Testing

@testable import RehabCore

/// How long a red-flag check-in pauses the plan: `progression.yaml`'s `checkInFreshDays` (7 as shipped), and no
/// longer.
@Suite struct RedFlagCheckTests {
    let catalog = Catalog.bundled

    /// An urgent check-in (calf pain or swelling) on day 7.
    var urgent: RecordBuilder {
        RecordBuilder(.totalKneeReplacement).did("quad-set", step: 1, day: 5, pain: 0, .easy)
            .checkIn(day: 7, painMorning: 1) { $0.calfPainOrSwelling = true }
    }

    func check(_ builder: RecordBuilder, on day: Int, freshDays: Int) -> RedFlagCheck {
        RedFlagCheck(
            timeline: RecordTimeline(record: builder.record, today: builder.date(day)), policy: catalog.triage,
            freshDays: freshDays)
    }

    @Test func theShippedWindowIsOneWeek() {
        #expect(catalog.progression.checkInFreshDays.value == 7)
    }

    @Test(arguments: [(7, 7, true), (14, 7, true), (15, 7, false), (10, 3, true), (11, 3, false)])
    func anUrgentCheckInPausesForItsWindowOnly(day: Int, freshDays: Int, pauses: Bool) {
        let check = check(urgent, on: day, freshDays: freshDays)
        #expect(check.freezesProgression == pauses)
        #expect(check.alerts.contains { $0.level == .urgent } == pauses)
    }

    @Test func theReviewReadsTheWindowFromTheCatalog() throws {
        let engine = PlanEngine(catalog: catalog)
        let paused = try engine.review(urgent.record, on: urgent.date(14))
        let resumed = try engine.review(urgent.record, on: urgent.date(15))
        #expect(paused.exercises.filter { $0.category != .recovery }.allSatisfy { $0.change == .pause })
        #expect(!resumed.exercises.contains { $0.change == .pause })
    }
}
