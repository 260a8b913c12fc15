import PropertyBased
import RehabCore
import RehabTesting
import Testing

@Suite struct PlanEngineTests {
    let catalog = Catalog.bundled
    var engine: PlanEngine { PlanEngine(catalog: catalog) }

    /// A strength exercise of the first TKR phase with room to move up and down its ladder.
    var strength: (id: ExerciseID, start: Int) {
        let phase = catalog.protocol(for: .totalKneeReplacement).phases[0]
        let planned = phase.exercises.first { catalog.exercise($0.id)?.category == .strength }
        return (planned?.id ?? "quad-set", planned?.step ?? 1)
    }

    func planned(_ plan: Plan, _ id: ExerciseID) throws -> PlannedExercise {
        try #require(plan.exercises.first { $0.id == id })
    }

    // MARK: - plan (no history)

    @Test func planWithoutHistoryUsesTheTypicalPhaseAndStartingDoses() throws {
        let surgery = Surgery(kind: .totalKneeReplacement, side: .left, date: RecordBuilder.day0)
        let plan = try engine.plan(for: surgery, on: RecordBuilder.day0.adding(days: 24))
        let rehab = catalog.protocol(for: .totalKneeReplacement)
        let expected = rehab.phases.last { $0.fromWeek <= 3 }
        #expect(plan.phase.id == expected?.id)
        #expect(plan.daysSinceSurgery == 24)
        #expect(plan.exercises.first?.category == .warmUp)
        #expect(plan.exercises.last?.id == "ice")
        #expect(plan.exercises.filter { $0.category != .recovery }.allSatisfy { $0.change == .start })
        #expect(plan.alerts.isEmpty)
    }

    @Test func aDayBeforeSurgeryIsRefusedNamingToday() {
        let surgery = Surgery(kind: .aclReconstruction, side: .right, date: RecordBuilder.day0)
        #expect(throws: InvalidInput(field: "today", problem: "2026-09-30 is before the surgery date 2026-10-01")) {
            try engine.plan(for: surgery, on: RecordBuilder.day0.adding(days: -1))
        }
    }

    // MARK: - review: progression

    @Test func aNewExerciseStartsAtThePhaseStep() throws {
        let record = RecordBuilder(.totalKneeReplacement).record
        let plan = try engine.review(record, on: RecordBuilder.day0.adding(days: 3))
        let item = try planned(plan, strength.id)
        #expect(item.change == .start)
        #expect(item.step == strength.start)
        #expect(item.rule == "first-time")
    }

    @Test func twoEasyPainFreeSessionsMoveUpOneStep() throws {
        let (id, start) = strength
        let builder = RecordBuilder(.totalKneeReplacement)
            .did(id, step: start, day: 5, pain: 1, .easy).did(id, step: start, day: 6, pain: 0, .easy)
        let item = try planned(try engine.review(builder.record, on: builder.date(7)), id)
        #expect(item.change == .progress)
        #expect(item.step == start + 1)
        #expect(item.rule == "green-easy-repeated")
        #expect(item.reason?.isEmpty == false)
    }

    @Test func acceptablePainHoldsTheStep() throws {
        let (id, start) = strength
        let builder = RecordBuilder(.totalKneeReplacement)
            .did(id, step: start, day: 5, pain: 1, .easy).did(id, step: start, day: 6, pain: 4, .easy)
        let item = try planned(try engine.review(builder.record, on: builder.date(7)), id)
        #expect((item.change, item.step, item.rule) == (.hold, start, "pain-amber"))
    }

    @Test func painAboveFiveMovesDownOneStep() throws {
        let id = strength.id
        let builder = RecordBuilder(.totalKneeReplacement).did(id, step: 2, day: 6, pain: 6, .right)
        let item = try planned(try engine.review(builder.record, on: builder.date(7)), id)
        #expect((item.change, item.step, item.rule) == (.regress, 1, "pain-red"))
    }

    @Test func painAboveFiveTwiceRunningPausesAndAlerts() throws {
        let id = strength.id
        let builder = RecordBuilder(.totalKneeReplacement)
            .did(id, step: 2, day: 5, pain: 7, .hard).did(id, step: 1, day: 6, pain: 6, .hard)
        let plan = try engine.review(builder.record, on: builder.date(7))
        let item = try planned(plan, id)
        #expect(item.change == .pause)
        #expect(plan.alerts.contains { $0.rule == "pain-red-repeated" && $0.exercise == id })
    }

    @Test func nextMorningPainClearlyAboveUsualMovesDownOneStep() throws {
        let id = strength.id
        var builder = RecordBuilder(.totalKneeReplacement)
        for day in 4...10 { builder = builder.checkIn(day: day, painMorning: 2) }
        builder = builder.did(id, step: 2, day: 9, pain: 1, .easy).did(id, step: 2, day: 10, pain: 1, .easy)
            .checkIn(day: 11, painMorning: 4)
        let item = try planned(try engine.review(builder.record, on: builder.date(11)), id)
        #expect((item.change, item.step, item.rule) == (.regress, 1, "morning-pain-clearly-higher"))
    }

    @Test func anUrgentCheckInPausesEveryExerciseAndAlerts() throws {
        let (id, start) = strength
        let builder = RecordBuilder(.totalKneeReplacement)
            .did(id, step: start, day: 5, pain: 0, .easy).did(id, step: start, day: 6, pain: 0, .easy)
            .checkIn(day: 7, painMorning: 1) { $0.calfPainOrSwelling = true }
        let plan = try engine.review(builder.record, on: builder.date(7))
        #expect(plan.exercises.filter { $0.category != .recovery }.allSatisfy { $0.change == .pause })
        #expect(plan.alerts.contains { $0.level == .urgent })
    }

    // MARK: - review: phases

    /// Measurements that meet every criterion of any phase in the catalog.
    func excellent(_ builder: RecordBuilder, day: Int) -> RecordBuilder {
        var b =
            builder
            .measured(.kneeFlexion, 135, day: day).measured(.kneeExtension, 0, day: day)
            .measured(.extensorLag, 0, day: day).measured(.singleLegBalance, 60, day: day)
            .checkIn(day: day, painAtRest: 0, swelling: Swelling.none)
        for kind in [MeasurementKind.quadricepsStrength, .hopDistance, .singleLegBalance, .kneeFlexion] {
            b = b.measured(kind, 100, day: day, side: b.record.surgery.side.other)
                .measured(kind, kind == .kneeFlexion ? 135 : 100, day: day)
        }
        return b.did("quad-set", step: 1, day: day, pain: 0, .easy)
    }

    @Test(arguments: SurgeryKind.allCases)
    func meetingEveryCriterionOnTimeReachesTheLastPhase(_ kind: SurgeryKind) throws {
        let rehab = catalog.protocol(for: kind)
        let lastStart = try #require(rehab.phases.last).fromWeek * 7
        let builder = excellent(RecordBuilder(kind), day: lastStart)
        let plan = try engine.review(builder.record, on: builder.date(lastStart))
        #expect(plan.phase.id == rehab.phases.last?.id)
        #expect(plan.phaseGate.next == nil)
    }

    @Test(arguments: SurgeryKind.allCases)
    func criteriaMetTooEarlyWaitForTheWeek(_ kind: SurgeryKind) throws {
        let rehab = catalog.protocol(for: kind)
        let secondStart = rehab.phases[1].fromWeek * 7
        let builder = excellent(RecordBuilder(kind), day: secondStart - 1)
        let plan = try engine.review(builder.record, on: builder.date(secondStart - 1))
        #expect(plan.phase.id == rehab.phases[0].id)
        #expect(plan.phaseGate.ready == false)
        #expect(plan.phaseGate.unmet.count == 1)
        #expect(plan.phaseGate.unmet.first?.hasPrefix("At least") == true)
    }

    @Test func missingMeasurementsKeepThePatientInTheFirstPhase() throws {
        let builder = RecordBuilder(.totalKneeReplacement)
        let plan = try engine.review(builder.record, on: builder.date(60))
        let rehab = catalog.protocol(for: .totalKneeReplacement)
        #expect(plan.phase.id == rehab.phases[0].id)
        #expect(plan.phaseGate.unmet.contains { $0.contains("not measured yet") || $0.contains("not reported yet") })
    }

    @Test func aConfirmedPhaseIsKeptAndAnUnknownOneIsRefused() throws {
        let rehab = catalog.protocol(for: .aclReconstruction)
        let builder = RecordBuilder(.aclReconstruction).confirmedPhase(rehab.phases[1].id)
        #expect(try engine.review(builder.record, on: builder.date(3)).phase.id == rehab.phases[1].id)
        let unknown = builder.confirmedPhase("nope").record
        #expect(throws: InvalidInput.self) { try engine.review(unknown, on: builder.date(3)) }
    }

    // MARK: - review: alerts and ice

    @Test func aWeekWithoutSessionsRaisesAMissedSessionsAlert() throws {
        let builder = RecordBuilder(.medialKneePain).did("quad-set", step: 1, day: 2, pain: 0, .easy)
        #expect(try engine.review(builder.record, on: builder.date(9)).alerts.contains { $0.rule == "missed-sessions" })
        #expect(
            try engine.review(builder.record, on: builder.date(5)).alerts.allSatisfy { $0.rule != "missed-sessions" })
    }

    @Test func iceIsAdvisedForTodayWhenPainRoseAfterTheSession() throws {
        let builder = RecordBuilder(.totalKneeReplacement).did(
            strength.id, step: 1, day: 6, pain: 2, .right, painAfter: 4)
        let ice = try planned(try engine.review(builder.record, on: builder.date(6)), "ice")
        #expect(ice.when?.hasPrefix("Today") == true)
        let calm = RecordBuilder(.totalKneeReplacement).did(strength.id, step: 1, day: 6, pain: 0, .easy, painAfter: 0)
        #expect(try planned(try engine.review(calm.record, on: calm.date(6)), "ice").when?.hasPrefix("Today") == false)
    }

    @Test func adherenceCountsTheLastSevenDays() throws {
        var builder = RecordBuilder(.totalKneeReplacement)
        for day in 10...13 { builder = builder.did(strength.id, step: 1, day: day, pain: 0, .right) }
        let plan = try engine.review(builder.record, on: builder.date(14))
        let phase = try #require(catalog.protocol(for: .totalKneeReplacement).phases.first { $0.id == plan.phase.id })
        #expect(plan.adherence?.completed == 4)
        #expect(plan.adherence?.prescribed == phase.sessionsPerWeek)
        #expect(plan.adherence?.adherent == (400 / phase.sessionsPerWeek >= 80))
    }
}
