import RehabCore
import Testing

@Suite struct AdherenceTests {
    @Test(arguments: [
        (14, 14, 100, true), (12, 14, 85, true), (11, 14, 78, false), (0, 14, 0, false), (20, 14, 100, true),
        (4, 5, 80, true),
    ])
    func percentAndEightyPercentThreshold(_ done: Int, _ prescribed: Int, _ percent: Int, _ adherent: Bool) {
        let summary = Adherence.summary(completed: done, prescribed: prescribed, adherentPercent: 80)
        #expect(summary.percent == percent)
        #expect(summary.adherent == adherent)
    }
}
