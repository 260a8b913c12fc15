import RehabCore
import RehabTesting
import Testing

/// The dose signature compares what a plan asks the patient to do, and nothing else.
struct PlanDoseSignatureTests {
    let engine = PlanEngine(catalog: .bundled)
    let surgery = Surgery(kind: .totalKneeReplacement, side: .left, date: RecordBuilder.day0)

    @Test func datesAndReasonsDoNotChangeIt() throws {
        let monday = try engine.plan(for: surgery, on: RecordBuilder.day0.adding(days: 3))
        var tuesday = try engine.plan(for: surgery, on: RecordBuilder.day0.adding(days: 4))
        #expect(monday.date != tuesday.date)
        tuesday.exercises[0].reason = "Another sentence for the same dose."
        tuesday.exercises[0].rule = "some-rule"
        #expect(monday.doseSignature == tuesday.doseSignature)
    }

    @Test func stepDosePauseAndPhaseEachChangeIt() throws {
        let plan = try engine.plan(for: surgery, on: RecordBuilder.day0.adding(days: 3))
        var step = plan
        step.exercises[0].step += 1
        var reps = plan
        reps.exercises[0].reps = (reps.exercises[0].reps ?? 0) + 1
        var paused = plan
        paused.exercises[0].change = .pause
        var phase = plan
        phase.phase.id += "-next"
        var dropped = plan
        dropped.exercises.removeLast()
        let signatures = [plan, step, reps, paused, phase, dropped].map(\.doseSignature)
        #expect(Set(signatures).count == signatures.count)
    }
}
