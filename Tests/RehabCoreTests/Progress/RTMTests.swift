import RehabCore
import RehabTesting
import Testing

/// The RTM month's codes against the bundled code table (docs/clinical-sources.md §8.2 and CONTRACT's RTM row).
@Suite struct RTMTests {
    static let codes = Catalog.bundled.rtm

    @Test(
        arguments: [(0, nil), (1, nil), (2, "98985"), (15, "98985"), (16, "98977"), (30, "98977")] as [(Int, String?)])
    func supplyCodeBands(_ days: Int, _ code: String?) {
        let start = RecordBuilder.day0
        let dates = (0..<days).map { start.adding(days: $0) } + [start.adding(days: 30), start.adding(days: -1)]
        let period = RTM.supplyPeriod(starting: start, dataDays: dates, codes: Self.codes)
        #expect(period.daysWithData == days)
        #expect(period.code == code)
        #expect(period.end == start.adding(days: 29))
    }

    @Test(
        arguments: [
            (9, []), (10, ["98979"]), (19, ["98979"]), (20, ["98980"]), (39, ["98980"]),
            (40, ["98980", "98981"]), (60, ["98980", "98981", "98981"]),
        ] as [(Int, [String])])
    func managementCodesByMinutes(_ minutes: Int, _ codes: [String]) {
        #expect(RTM.managementCodes(minutes: minutes, interactive: true, codes: Self.codes) == codes)
    }

    /// Management codes need a real-time exchange in the month (CONTRACT: 10–19 with an interactive exchange).
    @Test(arguments: [9, 10, 19, 20, 45])
    func withoutARealTimeExchangeNoManagementCodeIsSuggested(_ minutes: Int) {
        #expect(RTM.managementCodes(minutes: minutes, interactive: false, codes: Self.codes).isEmpty)
    }

    /// Periods follow one another from the set-up day: day 65 after set-up lies in the third period (days 60–89).
    @Test func theSupplyPeriodInForceFollowsTheSetUpDay() {
        let setUp = RecordBuilder.day0
        let period = RTM.supplyPeriod(
            on: setUp.adding(days: 65), setUp: setUp, dataDays: (60..<80).map { setUp.adding(days: $0) },
            codes: Self.codes)
        #expect(period.start == setUp.adding(days: 60) && period.end == setUp.adding(days: 89))
        #expect(period.daysWithData == 20 && period.code == "98977")
    }

    @Test func dataDaysCountEachDayOnce() {
        let builder = RecordBuilder(.totalKneeReplacement)
            .did("quad-set", step: 1, day: 1, pain: 0, .easy).did("quad-set", step: 1, day: 1, pain: 0, .easy)
            .checkIn(day: 1, painMorning: 1).checkIn(day: 2, painMorning: 1).measured(.kneeFlexion, 90, day: 3)
        #expect(RTM.dataDays(of: builder.record).count == 3)
    }
}
