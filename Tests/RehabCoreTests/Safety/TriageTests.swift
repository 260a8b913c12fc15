import PropertyBased
import RehabCore
import Testing

struct TriageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: String
        let level: TriageLevel
        let checkIn: CheckIn
        var recent: [CheckIn] = []
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "chest-pain-or-breathless", level: .emergency, checkIn: checkIn { $0.chestPainOrBreathless = true }),
        Case(rule: "calf-pain-or-swelling", level: .urgent, checkIn: checkIn { $0.calfPainOrSwelling = true }),
        Case(rule: "fever", level: .urgent, checkIn: checkIn { $0.temperatureCelsius = 38.4 }),
        Case(rule: "fever", level: .urgent, checkIn: checkIn { $0.temperatureCelsius = 38.0 }),
        Case(rule: "wound-redness", level: .urgent, checkIn: checkIn { $0.woundRedness = true }),
        Case(rule: "wound-drainage", level: .urgent, checkIn: checkIn { $0.woundDrainage = true }),
        Case(rule: "foot-numb-or-cold", level: .urgent, checkIn: checkIn { $0.footNumbOrCold = true }),
        Case(rule: "knee-locked", level: .urgent, checkIn: checkIn { $0.kneeLocked = true }),
        Case(rule: "severe-pain-at-rest", level: .urgent, checkIn: checkIn { $0.painAtRest = 8 }),
        Case(rule: "severe-pain-at-rest", level: .urgent, checkIn: checkIn { $0.painMorning = 10 }),
        Case(
            rule: "give-way-with-severe-swelling", level: .urgent,
            checkIn: checkIn {
                $0.giveWay = true
                $0.swelling = .severe
            }),
        Case(rule: "give-way", level: .contactClinician, checkIn: checkIn { $0.giveWay = true }),
        Case(rule: "high-pain-at-rest", level: .contactClinician, checkIn: checkIn { $0.painAtRest = 7 }),
        Case(
            rule: "swelling-repeated", level: .contactClinician, checkIn: checkIn { $0.swelling = .moderate },
            recent: [checkIn(daysAgo: 1) { $0.swelling = .severe }]),
        Case(
            rule: "morning-pain-repeated", level: .contactClinician, checkIn: checkIn { $0.painMorning = 6 },
            recent: [checkIn(daysAgo: 1) { $0.painMorning = 6 }]),
        Case(rule: "pain-moderate", level: .modify, checkIn: checkIn { $0.painAtRest = 3 }),
        Case(rule: "pain-moderate", level: .modify, checkIn: checkIn { $0.painMorning = 5 }),
        Case(rule: "swelling", level: .modify, checkIn: checkIn { $0.swelling = .mild }),
        Case(rule: "swelling", level: .modify, checkIn: checkIn { $0.swelling = .severe }),
        Case(rule: "no-warning-signs", level: .continue, checkIn: checkIn()),
        Case(
            rule: "no-warning-signs", level: .continue,
            checkIn: checkIn {
                $0.painAtRest = 2
                $0.painMorning = 2
                $0.swelling = Swelling.none
                $0.temperatureCelsius = 37.9
                $0.giveWay = false
            }),
    ]

    @Test(arguments: cases)
    func eachRuleFiresAtItsLevel(example: Case) {
        let result = Triage.assess(example.checkIn, recent: example.recent, policy: bundledPolicy)
        #expect(result.level == example.level)
        #expect(result.reasons.first?.rule == example.rule)
        #expect(result.reasons.allSatisfy { !$0.message.isEmpty })
    }

    @Test(arguments: [
        ("swelling-repeated", checkIn { $0.swelling = .moderate }, [checkIn(daysAgo: 1) { $0.swelling = .mild }]),
        ("swelling-repeated", checkIn { $0.swelling = .severe }, [checkIn(daysAgo: 5) { $0.swelling = .severe }]),
        ("swelling-repeated", checkIn { $0.swelling = .severe }, [checkIn { $0.swelling = .severe }]),
        ("morning-pain-repeated", checkIn { $0.painMorning = 6 }, [checkIn(daysAgo: 1) { $0.painMorning = 5 }]),
        ("morning-pain-repeated", checkIn { $0.painMorning = 5 }, [checkIn(daysAgo: 1) { $0.painMorning = 9 }]),
        ("fever", checkIn { $0.temperatureCelsius = 37.9 }, []),
        (
            "give-way-with-severe-swelling",
            checkIn {
                $0.giveWay = true; $0.swelling = .moderate
            }, []
        ),
    ])
    func repeatedDayAndThresholdRulesNeedTheirConditions(rule: String, today: CheckIn, recent: [CheckIn]) {
        let result = Triage.assess(today, recent: recent, policy: bundledPolicy)
        #expect(!result.reasons.map(\.rule).contains(rule))
    }

    @Test func repeatedRulesUseTheLatestEarlierAnswer() {
        let recent = [
            checkIn(daysAgo: 2) { $0.swelling = .severe }, checkIn(daysAgo: 1) { $0.painMorning = 1 },
        ]
        let result = Triage.assess(checkIn { $0.swelling = .severe }, recent: recent, policy: bundledPolicy)
        #expect(result.reasons.map(\.rule).contains("swelling-repeated"))
    }

    @Test func everyRuleThatFiredIsListedMostSevereFirst() {
        let result = Triage.assess(
            checkIn {
                $0.chestPainOrBreathless = true
                $0.temperatureCelsius = 39
                $0.giveWay = true
                $0.swelling = .mild
            }, policy: bundledPolicy)
        #expect(result.level == .emergency)
        #expect(result.reasons.map(\.rule) == ["chest-pain-or-breathless", "fever", "give-way", "swelling"])
        #expect(result.reasons[0].message.hasPrefix("Call 911 now"))
    }

    @Test func policyChangesFeverAndNumber() {
        var policy = bundledPolicy
        policy.feverCelsius = 38.5
        policy.emergencyNumber = "112"
        #expect(Triage.assess(checkIn { $0.temperatureCelsius = 38.3 }, policy: policy).level == .continue)
        let emergency = Triage.assess(checkIn { $0.chestPainOrBreathless = true }, policy: policy)
        #expect(emergency.reasons[0].message.hasPrefix("Call 112 now"))
    }

    // MARK: - Properties

    static let checkIns = zip(
        Gen.int(in: 0...10).optional, Gen.int(in: 0...10).optional, Gen<Swelling>.case.optional,
        Gen.double(in: 35.0...41.0).optional, Gen.bool.optional.array(of: 8)
    ).map { rest, morning, swelling, temperature, flags in
        CheckIn(
            date: today, painAtRest: rest, painMorning: morning, swelling: swelling, temperatureCelsius: temperature,
            woundRedness: flags[0], woundDrainage: flags[1], calfPainOrSwelling: flags[2],
            chestPainOrBreathless: flags[3], giveWay: flags[4], kneeLocked: flags[5], footNumbOrCold: flags[6])
    }

    /// The level each single trigger asks for on its own, computed independently of the rules.
    static func singleTriggerFloor(_ c: CheckIn, policy: TriagePolicy) -> TriageLevel {
        var levels: [TriageLevel] = [.continue]
        if c.chestPainOrBreathless == true { levels.append(.emergency) }
        let urgentFlags = [c.calfPainOrSwelling, c.woundRedness, c.woundDrainage, c.footNumbOrCold, c.kneeLocked]
        if urgentFlags.contains(true) { levels.append(.urgent) }
        if let t = c.temperatureCelsius, t >= policy.feverCelsius { levels.append(.urgent) }
        let pain = max(c.painAtRest ?? 0, c.painMorning ?? 0)
        if pain >= policy.urgentPain { levels.append(.urgent) }
        if pain >= policy.contactPain { levels.append(.contactClinician) }
        if pain >= policy.modifyPain { levels.append(.modify) }
        if c.giveWay == true {
            levels.append(c.swelling ?? .none >= policy.giveWaySwelling ? .urgent : .contactClinician)
        }
        if let swelling = c.swelling, swelling > .none { levels.append(.modify) }
        return levels.max() ?? .continue
    }

    @Test func levelIsNeverBelowTheMostSevereSingleTrigger() async {
        let policy = bundledPolicy
        await propertyCheck(count: 500, input: Self.checkIns, Self.checkIns) { today, yesterday in
            var earlier = yesterday
            earlier.date = today.date.adding(days: -1)
            let result = Triage.assess(today, recent: [earlier], policy: policy)
            #expect(result.level >= Self.singleTriggerFloor(today, policy: policy))
            #expect(result.level == result.reasons.map(\.level).max())
            #expect(result.reasons.map(\.level) == result.reasons.map(\.level).sorted(by: >))
        }
    }

    /// Turns on one warning sign (or makes one answer worse).
    static func addTrigger(_ index: Int, to c: inout CheckIn) {
        switch index {
        case 0: c.woundRedness = true
        case 1: c.woundDrainage = true
        case 2: c.calfPainOrSwelling = true
        case 3: c.chestPainOrBreathless = true
        case 4: c.giveWay = true
        case 5: c.kneeLocked = true
        case 6: c.footNumbOrCold = true
        case 7: c.painAtRest = min(10, (c.painAtRest ?? 0) + 1)
        case 8: c.painMorning = min(10, (c.painMorning ?? 0) + 1)
        case 9: c.swelling = Swelling.allCases.first { $0 > (c.swelling ?? .none) } ?? .severe
        default: c.temperatureCelsius = min(45, (c.temperatureCelsius ?? 36.5) + 0.5)
        }
    }

    @Test func addingATriggerNeverLowersTheLevel() async {
        let policy = bundledPolicy
        await propertyCheck(count: 500, input: Self.checkIns, Self.checkIns, Gen.int(in: 0...10)) {
            today, yesterday, trigger in
            var earlier = yesterday
            earlier.date = today.date.adding(days: -1)
            var worse = today
            Self.addTrigger(trigger, to: &worse)
            let before = Triage.assess(today, recent: [earlier], policy: policy)
            let after = Triage.assess(worse, recent: [earlier], policy: policy)
            #expect(after.level >= before.level)
            // A worse yesterday never lowers today's level either.
            var worseEarlier = earlier
            Self.addTrigger(trigger, to: &worseEarlier)
            #expect(Triage.assess(today, recent: [worseEarlier], policy: policy).level >= before.level)
        }
    }
}
