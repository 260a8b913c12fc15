import RehabCore
import RehabTesting
import Testing

/// Record-wide alerts: range of motion behind the protocol once the next phase's typical start has come.
@Suite struct RecordAlertsTests {
    let engine = PlanEngine(catalog: Catalog.bundled)
    /// The second TKR phase's typical first week and its knee-bend criterion, read from the catalog.
    var secondPhase: (week: Int, flexion: Double) {
        let phase = Catalog.bundled.protocol(for: .totalKneeReplacement).phases[1]
        let flexion = phase.entryCriteria.first { $0.kind == .kneeFlexionMin }?.value ?? 0
        return (phase.fromWeek, flexion)
    }

    func rules(_ builder: RecordBuilder, day: Int) throws -> [String] {
        try engine.review(builder.record, on: builder.date(day)).alerts.map(\.rule)
    }

    @Test func aKneeBendBelowTheNextPhaseCriterionAfterItsStartIsBehind() throws {
        let day = secondPhase.week * 7 + 1
        let behind = RecordBuilder(.totalKneeReplacement).measured(.kneeFlexion, secondPhase.flexion - 10, day: day)
        #expect(try rules(behind, day: day).contains("range-of-motion-behind"))
        #expect(try engine.review(behind.record, on: behind.date(day)).phaseGate.rangeOfMotionBehind)
    }

    @Test func onTrackEarlyOrUnmeasuredIsNotBehind() throws {
        let day = secondPhase.week * 7 + 1
        let onTrack = RecordBuilder(.totalKneeReplacement).measured(.kneeFlexion, secondPhase.flexion + 5, day: day)
        #expect(try !rules(onTrack, day: day).contains("range-of-motion-behind"))
        let early = RecordBuilder(.totalKneeReplacement).measured(.kneeFlexion, secondPhase.flexion - 10, day: 3)
        #expect(try !rules(early, day: 3).contains("range-of-motion-behind"))
        #expect(try !rules(RecordBuilder(.totalKneeReplacement), day: day).contains("range-of-motion-behind"))
    }
}
