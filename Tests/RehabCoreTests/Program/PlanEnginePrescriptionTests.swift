import Foundation
import RehabCore
import RehabTesting
import Testing

/// The clinician's dose edits, additions and removals, and how they meet progression and red flags.
@Suite struct PlanEnginePrescriptionTests {
    let engine = PlanEngine(catalog: Catalog.bundled)

    func planned(_ plan: Plan, _ id: ExerciseID) -> PlannedExercise? { plan.exercises.first { $0.id == id } }

    @Test func aPrescribedStepWinsUntilThePatientHasDoneIt() throws {
        let base = RecordBuilder(.totalKneeReplacement)
            .did("quad-set", step: 2, day: 10, pain: 1, .easy).did("quad-set", step: 2, day: 11, pain: 1, .easy)
        let before = try engine.review(base.record, on: base.date(12))
        #expect(planned(before, "quad-set")?.rule != "clinician-set")
        let edited = base.prescribed("quad-set", step: 1, day: 12, note: "Keep it gentle this week.")
        let plan = try engine.review(edited.record, on: edited.date(12))
        let quad = try #require(planned(plan, "quad-set"))
        #expect(quad.step == 1 && quad.rule == "clinician-set" && quad.change == .hold)
        #expect(quad.reason?.contains("Keep it gentle this week.") == true)
        let done = edited.did("quad-set", step: 1, day: 12, pain: 1, .right)
        let after = try engine.review(done.record, on: done.date(13))
        #expect(planned(after, "quad-set")?.rule != "clinician-set")
        #expect(abs((planned(after, "quad-set")?.step ?? 0) - 1) <= 1)
    }

    @Test func aPrescriptionFromALaterDayDoesNotApplyYet() throws {
        let record = RecordBuilder(.totalKneeReplacement).prescribed("quad-set", step: 3, day: 20)
        let plan = try engine.review(record.record, on: record.date(10))
        #expect(planned(plan, "quad-set")?.rule != "clinician-set")
    }

    @Test func aSwapTakesOneExerciseOutAndPutsAnotherIn() throws {
        let rehab = Catalog.bundled.protocol(for: .totalKneeReplacement)
        let phase = rehab.phases[0]
        let inPhase = Set(phase.exercises.map(\.id))
        let removed = try #require(phase.exercises.first { Catalog.bundled.exercise($0.id)?.category == .strength }).id
        let added = try #require(
            Catalog.bundled.exercises.values.filter { exercise in
                !inPhase.contains(exercise.id) && exercise.category == .strength
                    && ExerciseRules(exercise: exercise, kind: .totalKneeReplacement, limits: rehab.loadedFlexionLimits)
                        .highestStep(inWeek: 1) > 0
            }.map(\.id).sorted { $0.rawValue < $1.rawValue }.first)
        let record = RecordBuilder(.totalKneeReplacement)
            .prescribed(removed, removed: true, day: 8).prescribed(added, step: 1, day: 8)
        let plan = try engine.review(record.record, on: record.date(9))
        #expect(planned(plan, removed) == nil)
        let new = try #require(planned(plan, added))
        #expect(new.step == 1 && new.rule == "clinician-set")
        let order = plan.exercises.map(\.category.sessionOrder)
        #expect(order == order.sorted(), "exercises stay in session order")
    }

    @Test func aRedFlagPausesEvenAPrescribedExercise() throws {
        let record = RecordBuilder(.totalKneeReplacement)
            .prescribed("quad-set", step: 2, day: 10)
            .checkIn(day: 10, painAtRest: 3) { $0.calfPainOrSwelling = true }
        let plan = try engine.review(record.record, on: record.date(10))
        #expect(planned(plan, "quad-set")?.change == .pause)
    }

    @Test func prescriptionsRoundTripThroughTheRecordDocument() throws {
        let record = RecordBuilder(.meniscusRepair).prescribed("bridge", step: 2, day: 5, note: "ok").record
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(PatientRecord.self, from: data) == record)
        let empty = try JSONEncoder().encode(RecordBuilder(.meniscusRepair).record)
        #expect(!String(decoding: empty, as: UTF8.self).contains("prescriptions"))
    }

    @Test func aPrescriptionForAnUnknownExerciseIsRefusedNamingIt() {
        let record = RecordBuilder(.meniscusRepair).prescribed("moonwalk", step: 1, day: 5).record
        #expect(throws: InvalidInput.self) {
            try record.validate(
                today: RecordBuilder.day0.adding(days: 30), knownExercises: ["quad-set"],
                measures: Catalog.bundled.measurements)
        }
    }
}
