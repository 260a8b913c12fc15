import RehabTesting
import Testing

@testable import RehabCore

/// The swelling a session is compared with: the latest report from the session's day or the
/// `swellingBeforeDays` days before it (2 as shipped).
@Suite struct ExerciseEvidenceTests {
    let settings = Catalog.bundled.progression

    /// Moderate swelling reported `daysBefore` days before a quad-set session on day 10, and again next morning.
    func evidence(reportedDaysBefore daysBefore: Int, window: Int) -> ExerciseEvidence {
        let builder = RecordBuilder(.totalKneeReplacement)
            .checkIn(day: 10 - daysBefore, swelling: .moderate)
            .did("quad-set", step: 1, day: 10, pain: 1, .right)
            .checkIn(day: 11, swelling: .moderate)
        var settings = self.settings
        settings.swellingBeforeDays.value = Double(window)
        let timeline = RecordTimeline(record: builder.record, today: builder.date(11))
        return ExerciseEvidence.gather(for: "quad-set", in: timeline, settings: settings, redFlag: false).evidence
    }

    @Test func theShippedWindowIsTwoDays() {
        #expect(settings.swellingBeforeDays.value == 2)
    }

    @Test(arguments: [(0, 2, false), (2, 2, false), (3, 2, true), (1, 0, true), (3, 3, false)])
    func swellingIncreasesOnlyAgainstAReportInTheWindow(daysBefore: Int, window: Int, increased: Bool) {
        let found = evidence(reportedDaysBefore: daysBefore, window: window)
        #expect(found.swellingAfter == .moderate)
        #expect(found.swellingBefore == (increased ? nil : .moderate))
        #expect(found.swellingIncreased == increased)
    }
}
