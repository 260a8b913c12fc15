import PropertyBased
import RehabCore
import RehabTesting
import Testing

/// Invariants over every kind and day, and over random histories.
@Suite struct PlanInvariantTests {
    let catalog = Catalog.bundled
    var engine: PlanEngine { PlanEngine(catalog: catalog) }

    @Test(arguments: SurgeryKind.allCases)
    func everyDayOfTheFirstYearGivesAValidPlanThatRespectsItsProtocol(_ kind: SurgeryKind) throws {
        let rehab = catalog.protocol(for: kind)
        let surgery = Surgery(kind: kind, side: .right, date: RecordBuilder.day0)
        for day in 0...365 {
            let plan = try engine.plan(for: surgery, on: RecordBuilder.day0.adding(days: day))
            let week = day / 7
            #expect(plan.exercises.first?.category == .warmUp, "day \(day)")
            #expect(plan.exercises.last?.category == .recovery, "day \(day)")
            let order = plan.exercises.map(\.category.sessionOrder)
            #expect(order == order.sorted(), "day \(day): exercises out of session order")
            let phase = try #require(rehab.phases.first { $0.id == plan.phase.id })
            #expect(phase.fromWeek <= week && week < (phase.toWeek ?? .max), "day \(day)")
            for item in plan.exercises {
                let exercise = try #require(catalog.exercise(item.id))
                let rules = ExerciseRules(exercise: exercise, kind: kind, limits: rehab.loadedFlexionLimits)
                #expect(rules.isAllowed(inWeek: week), "\(item.id) on day \(day) breaks a restriction")
                #expect((1...rules.highestStep(inWeek: week)).contains(item.step), "\(item.id) step on day \(day)")
                for limit in rehab.loadedFlexionLimits where week < limit.untilWeek {
                    #expect((exercise.ladder[item.step - 1].loadedKneeFlexion ?? 0) <= limit.degrees)
                }
                #expect(!item.dose.isEmpty)
            }
        }
    }

    /// A plan's precautions are the phase's and then its exercises' (ice's own left out), each text once, in the
    /// order first met; some plans do meet a text twice, so the de-duplication is tested.
    @Test func precautionsAreThePhasesAndTheExercisesEachOnce() throws {
        var repeats = 0
        for kind in SurgeryKind.allCases {
            let rehab = catalog.protocol(for: kind)
            let surgery = Surgery(kind: kind, side: .left, date: RecordBuilder.day0)
            for day in stride(from: 0, through: 365, by: 7) {
                let plan = try engine.plan(for: surgery, on: RecordBuilder.day0.adding(days: day))
                let phase = try #require(rehab.phases.first { $0.id == plan.phase.id })
                let all =
                    phase.precautions.map(\.text)
                    + plan.exercises.filter { $0.category != .recovery }.flatMap { $0.precautions ?? [] }
                var expected: [String] = []
                for text in all where !expected.contains(text) { expected.append(text) }
                if expected.count < all.count { repeats += 1 }
                #expect(plan.precautions == expected, "\(kind) day \(day)")
            }
        }
        #expect(repeats > 0)
    }

    static let sessions = Gen.int(in: 0...10).array(of: 1...6)

    @Test func aReviewNeverMovesAnExerciseMoreThanOneStepFromTheLastOneDone() async throws {
        let engine = engine
        let catalog = catalog
        await propertyCheck(
            count: 300, input: Gen<SurgeryKind>.case, Self.sessions, Gen.int(in: 1...4), Gen<Difficulty>.case
        ) { kind, pains, step, difficulty in
            let rehab = catalog.protocol(for: kind)
            var builder = RecordBuilder(kind)
            let ids = rehab.phases[0].exercises.map(\.id)
            for (offset, pain) in pains.enumerated() {
                let day = 1 + offset
                let done = ids.compactMap { id -> PerformedExercise? in
                    guard let exercise = catalog.exercise(id) else { return nil }
                    return PerformedExercise(
                        id: id, step: min(step, exercise.ladder.count), painDuring: pain, difficulty: difficulty)
                }
                builder = builder.session(day: day, done)
            }
            let today = builder.date(pains.count + 1)
            guard let plan = try? engine.review(builder.record, on: today) else {
                Issue.record("review failed")
                return
            }
            for item in plan.exercises {
                guard let exercise = catalog.exercise(item.id), ids.contains(item.id) else { continue }
                let last = min(step, exercise.ladder.count)
                #expect(abs(item.step - last) <= 1, "\(item.id): \(last) → \(item.step)")
                if item.change == .progress { #expect(pains.last ?? 10 <= 2 && difficulty == .easy) }
            }
        }
    }

    @Test func redFlagsAlwaysWinOverProgression() async {
        let engine = engine
        await propertyCheck(count: 200, input: Gen<SurgeryKind>.case, Gen.int(in: 1...40)) { kind, day in
            var builder = RecordBuilder(kind)
            for d in max(0, day - 3)..<day {
                builder = builder.did("quad-set", step: 1, day: d, pain: 0, .easy)
            }
            builder = builder.checkIn(day: day) { $0.chestPainOrBreathless = true }
            guard let plan = try? engine.review(builder.record, on: builder.date(day)) else {
                Issue.record("review failed")
                return
            }
            #expect(plan.exercises.allSatisfy { $0.change != .progress })
            #expect(plan.alerts.contains { $0.level == .emergency })
        }
    }
}
