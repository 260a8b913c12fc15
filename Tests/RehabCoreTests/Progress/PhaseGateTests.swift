import RehabTesting
import Testing

@testable import RehabCore

@Suite struct PhaseGateTests {
    func outcome(_ criterion: Criterion, _ builder: RecordBuilder, day: Int = 30) -> PhaseGate.Outcome {
        PhaseGate.evaluate(
            criterion, timeline: RecordTimeline(record: builder.record, today: builder.date(day)), side: .left,
            measures: Catalog.bundled.measurements)
    }

    static func criterion(
        _ kind: Criterion.Kind, _ value: Double? = nil, swelling: Swelling? = nil,
        measure: MeasurementKind? = nil
    ) -> Criterion {
        Criterion(kind: kind, value: value, swelling: swelling, measure: measure, source: "test")
    }

    @Test(arguments: [(89.0, false), (90.0, true), (120.0, true)])
    func flexionMinimumUsesTheLatestMeasurementOfTheOperatedSide(_ value: Double, _ met: Bool) {
        let builder = RecordBuilder(.totalKneeReplacement)
            .measured(.kneeFlexion, 70, day: 10).measured(.kneeFlexion, value, day: 20)
            .measured(.kneeFlexion, 140, day: 20, side: .right)
        let result = outcome(Self.criterion(.kneeFlexionMin, 90), builder)
        #expect(result.met == met)
        #expect(result.text.contains("now \(Int(value))°"))
    }

    @Test(arguments: [(5.0, true), (10.0, true), (11.0, false)])
    func extensionDeficitMaximum(_ value: Double, _ met: Bool) {
        let builder = RecordBuilder(.totalKneeReplacement).measured(.kneeExtension, value, day: 20)
        #expect(outcome(Self.criterion(.kneeExtensionDeficitMax, 10), builder).met == met)
    }

    @Test func unmeasuredCriteriaAreUnmetAndSaySo() {
        let result = outcome(Self.criterion(.balanceSecondsMin, 15), RecordBuilder(.aclReconstruction))
        #expect(!result.met)
        #expect(result.text.hasSuffix("(not measured yet)"))
    }

    @Test(arguments: [(Swelling.none, true), (.mild, true), (.moderate, false)])
    func swellingMaximumReadsTheLatestCheckIn(_ swelling: Swelling, _ met: Bool) {
        let builder = RecordBuilder(.meniscusRepair).checkIn(day: 5, swelling: .severe).checkIn(
            day: 25, swelling: swelling)
        #expect(outcome(Self.criterion(.swellingMax, swelling: .mild), builder).met == met)
    }

    @Test func limbSymmetryComparesTheLegsAtNinetyPercent() {
        let builder = RecordBuilder(.aclReconstruction)
            .measured(.quadricepsStrength, 180, day: 20).measured(.quadricepsStrength, 200, day: 20, side: .right)
        #expect(outcome(Self.criterion(.limbSymmetryMin, 90, measure: .quadricepsStrength), builder).met)
        #expect(!outcome(Self.criterion(.limbSymmetryMin, 91, measure: .quadricepsStrength), builder).met)
    }

    @Test func painMaximumUsesTheWorstPainOfTheLastWeek() {
        let builder = RecordBuilder(.medialKneePain)
            .did("quad-set", step: 1, day: 20, pain: 6, .right)
            .did("quad-set", step: 1, day: 27, pain: 2, .right)
        #expect(outcome(Self.criterion(.painMax, 3), builder).met)
        #expect(!outcome(Self.criterion(.painMax, 3), builder, day: 26).met)
    }
}
