import RehabCore
import RehabTesting
import Testing

/// A stored plan is shown in Spanish by rendering it again from its ids and rule ids: the same decisions, other
/// words, and no English catalog text or sentence left for the patient.
struct PlanLanguageTests {
    let catalog = Catalog.bundled
    let engine = PlanEngine(catalog: .bundled)

    /// Plans that between them use most rules: a first plan per pathway, progression, pain, swelling, a clinician's
    /// level with a note, ice advised, a red flag, and a discharged patient's home program.
    func plans() throws -> [Plan] {
        var plans: [Plan] = []
        for kind in SurgeryKind.allCases {
            plans.append(
                try engine.plan(
                    for: Surgery(kind: kind, side: .right, date: RecordBuilder.day0),
                    on: RecordBuilder.day0.adding(days: 30)))
            let long = LongRecord.make(kind: kind, days: 60, catalog: catalog)
            plans.append(try engine.review(long, on: RecordBuilder.day0.adding(days: 60)))
        }
        let tkr = RecordBuilder(.totalKneeReplacement)
        plans.append(
            try engine.review(
                tkr.did("quad-set", step: 1, day: 5, pain: 1, .easy).did("quad-set", step: 1, day: 6, pain: 0, .easy)
                    .did("heel-slide", step: 2, day: 6, pain: 7, .right, painAfter: 7)
                    .did("straight-leg-raise", step: 1, day: 6, pain: 4, .hard)
                    .prescribed("warm-up-walk", step: 2, day: 6, note: "Walk to the corner and back.").record,
                on: tkr.date(7)))
        plans.append(
            try engine.review(
                tkr.did("quad-set", step: 1, day: 5, pain: 1, .easy).checkIn(day: 6) { $0.calfPainOrSwelling = true }
                    .record,
                on: tkr.date(6)))
        var discharged = tkr.did("quad-set", step: 2, day: 40, pain: 1, .easy).record
        discharged.discharge = Discharge(
            date: tkr.date(41), reason: .goalsMet, keep: [KeptExercise(id: "quad-set", step: 2)])
        plans.append(try engine.review(discharged, on: tkr.date(45)))
        return plans
    }

    @Test func theDecisionsStayAndEveryPatientTextChanges() throws {
        for plan in try plans() {
            let spanish = plan.translated(to: .spanish, using: catalog)
            #expect(spanish.doseSignature == plan.doseSignature)
            #expect(spanish.exercises.map(\.rule) == plan.exercises.map(\.rule))
            #expect(spanish.phase.id == plan.phase.id && spanish.phase.name != plan.phase.name)
            #expect(spanish.notice == catalog.sentences.text("notice", in: .spanish))
            for (english, words) in zip(plan.exercises, spanish.exercises) {
                #expect(words.name != english.name && words.stepName != english.stepName, "\(english.id)")
                if let reason = english.reason {
                    #expect(words.reason != reason, "\(english.id) \(english.rule ?? "")'s reason is re-rendered")
                }
                if let when = english.when { #expect(words.when != when) }
                #expect(words.precautions?.count == english.precautions?.count)
                for (a, b) in zip(english.precautions ?? [], words.precautions ?? []) { #expect(a != b) }
            }
            #expect(spanish.precautions.count == plan.precautions.count)
            #expect(Set(spanish.precautions).isDisjoint(with: plan.precautions))
            #expect(spanish.alerts == plan.alerts, "alerts are for the clinician and stay as stored")
        }
    }

    @Test func theClinicianNoteStaysAsWritten() throws {
        let builder = RecordBuilder(.totalKneeReplacement).prescribed(
            "quad-set", step: 2, day: 3, note: "Go slowly.")
        let plan = try engine.review(builder.record, on: builder.date(4))
        let item = try #require(plan.translated(to: .spanish, using: catalog).exercises.first { $0.id == "quad-set" })
        #expect(item.rule == "clinician-set")
        #expect(item.reason == "Su fisioterapeuta le ha puesto este nivel. Go slowly.")
    }

    @Test func englishIsThePlanItself() throws {
        let plan = try engine.review(RecordBuilder(.aclReconstruction).record, on: RecordBuilder.day0.adding(days: 9))
        #expect(plan.translated(to: .english, using: catalog) == plan)
    }

    @Test func aReasonWhoseRuleIsUnknownStaysAsStored() throws {
        var plan = try engine.plan(
            for: Surgery(kind: .meniscusRepair, side: .left, date: RecordBuilder.day0), on: RecordBuilder.day0)
        plan.exercises[0].rule = "an-old-rule"
        plan.exercises[0].reason = "Kept."
        #expect(plan.translated(to: .spanish, using: catalog).exercises[0].reason == "Kept.")
    }
}
