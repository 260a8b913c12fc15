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

    /// The catalog's weighing of methods (`measurements.yaml`): a patient's own angle never opens a range-of-motion
    /// gate and the line says which reading is needed; a goniometer or pose-keypoint reading does; the patient's own
    /// balance time does; behind a later patient-reported reading, an earlier counted one stands where self-reports
    /// do not count, and the self-report wins where they do.
    @Test(
        arguments: [
            (MeasurementKind.kneeFlexion, Criterion.Kind.kneeFlexionMin, 90.0, 100.0, MeasurementMethod?.none, false),
            (.kneeFlexion, .kneeFlexionMin, 90, 100, .patientReported, false),
            (.kneeFlexion, .kneeFlexionMin, 90, 100, .goniometer, true),
            (.kneeFlexion, .kneeFlexionMin, 90, 100, .poseKeypoints, true),
            (.singleLegBalance, .balanceSecondsMin, 15, 20, .patientReported, true),
            (.singleLegBalance, .balanceSecondsMin, 15, 20, .timedTest, true),
        ] as [(MeasurementKind, Criterion.Kind, Double, Double, MeasurementMethod?, Bool)])
    func onlyTheCatalogsMethodsOpenAGate(
        _ kind: MeasurementKind, _ criterion: Criterion.Kind, _ limit: Double, _ value: Double,
        _ method: MeasurementMethod?, _ met: Bool
    ) {
        let reported = RecordBuilder(.totalKneeReplacement).measured(kind, value, day: 20, method: .patientReported)
        let builder = method.map { reported.measured(kind, value, day: 20, method: $0) } ?? reported
        let result = outcome(Self.criterion(criterion, limit), builder)
        #expect(result.met == met)
        if method == nil {
            #expect(
                !result.measured && result.text.contains("reported by the patient") && result.text.contains("needs"))
        }
        let spec = Catalog.bundled.measurements.spec(kind)
        let counted = spec.opensGates.first { $0 != .patientReported } ?? .goniometer
        let earlier = RecordBuilder(.totalKneeReplacement).measured(kind, value, day: 10, method: counted)
            .measured(kind, limit - 10, day: 20, method: .patientReported)
        let selfReportCounts = spec.opensGate(.patientReported)
        #expect(outcome(Self.criterion(criterion, limit), earlier).met == !selfReportCounts)
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
