import RehabCore
import RehabTesting
import Testing

@Suite struct RTMTests {
    @Test(
        arguments: [(0, nil), (1, nil), (2, "98985"), (15, "98985"), (16, "98977"), (30, "98977")] as [(Int, String?)])
    func supplyCodeBands(_ days: Int, _ code: String?) {
        let start = RecordBuilder.day0
        let dates = (0..<days).map { start.adding(days: $0) } + [start.adding(days: 30), start.adding(days: -1)]
        let period = RTM.supplyPeriod(starting: start, dataDays: dates)
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
        #expect(RTM.managementCodes(minutes: minutes) == codes)
    }

    @Test func dataDaysCountEachDayOnce() {
        let builder = RecordBuilder(.totalKneeReplacement)
            .did("quad-set", step: 1, day: 1, pain: 0, .easy).did("quad-set", step: 1, day: 1, pain: 0, .easy)
            .checkIn(day: 1, painMorning: 1).checkIn(day: 2, painMorning: 1).measured(.kneeFlexion, 90, day: 3)
        #expect(RTM.dataDays(of: builder.record).count == 3)
    }
}
