extension RedFlagRule {
    /// Every rule, most severe first. Built from docs/clinical-sources.md §5.2 (the triage table) and §5.1
    /// (thresholds).
    ///
    /// A check-in's level is the most severe level among the rules that fire, so a rule can only ever raise it.
    public static let all: [RedFlagRule] = emergency + urgent + contactClinician + modify

    /// The rule id reported when nothing else fires.
    public static let noWarningSigns = "no-warning-signs"

    private static let emergency: [RedFlagRule] = [
        RedFlagRule("chest-pain-or-breathless", .emergency) { context in
            guard context.checkIn.chestPainOrBreathless == true else { return nil }
            return ["call": context.call]
        }
    ]

    private static let urgent: [RedFlagRule] = [
        flag("calf-pain-or-swelling", \.calfPainOrSwelling),
        RedFlagRule("fever", .urgent) { context in
            guard let t = context.checkIn.temperatureCelsius, t >= context.policy.feverCelsius else { return nil }
            return ["temperature": tenths(t), "threshold": tenths(context.policy.feverCelsius)]
        },
        flag("wound-redness", \.woundRedness),
        flag("wound-drainage", \.woundDrainage),
        flag("foot-numb-or-cold", \.footNumbOrCold),
        flag("knee-locked", \.kneeLocked),
        RedFlagRule("severe-pain-at-rest", .urgent) { context in
            guard let pain = context.restingPain, pain >= context.policy.urgentPain else { return nil }
            return ["pain": "\(pain)"]
        },
        RedFlagRule("give-way-with-severe-swelling", .urgent) { context in
            guard context.checkIn.giveWay == true, let swelling = context.checkIn.swelling,
                swelling >= context.policy.giveWaySwelling
            else { return nil }
            return ["swelling": swelling.rawValue]
        },
    ]

    private static let contactClinician: [RedFlagRule] = [
        RedFlagRule("give-way", .contactClinician) { context in
            guard context.checkIn.giveWay == true else { return nil }
            return [:]
        },
        RedFlagRule("high-pain-at-rest", .contactClinician) { context in
            let policy = context.policy
            guard let pain = context.restingPain, (policy.contactPain..<policy.urgentPain).contains(pain) else {
                return nil
            }
            return ["pain": "\(pain)"]
        },
        RedFlagRule("swelling-repeated", .contactClinician) { context in
            let limit = context.policy.repeatedSwelling
            guard let today = context.checkIn.swelling, today >= limit,
                let before = context.previous(\.swelling), before >= limit
            else { return nil }
            return ["swelling": limit.rawValue]
        },
        RedFlagRule("morning-pain-repeated", .contactClinician) { context in
            let limit = context.policy.repeatedMorningPainAbove
            guard let today = context.checkIn.painMorning, today > limit,
                let before = context.previous(\.painMorning), before > limit
            else { return nil }
            return ["limit": "\(limit)"]
        },
    ]

    private static let modify: [RedFlagRule] = [
        RedFlagRule("pain-moderate", .modify) { context in
            let policy = context.policy
            guard let pain = context.restingPain, (policy.modifyPain..<policy.contactPain).contains(pain) else {
                return nil
            }
            return ["pain": "\(pain)"]
        },
        RedFlagRule("swelling", .modify) { context in
            guard let swelling = context.checkIn.swelling, swelling > .none else { return nil }
            return ["swelling": swelling.rawValue]
        },
    ]

    /// An urgent rule that fires on one yes/no answer.
    private static func flag(_ id: String, _ answer: KeyPath<CheckIn, Bool?> & Sendable) -> RedFlagRule {
        RedFlagRule(id, .urgent) { context in
            context.checkIn[keyPath: answer] == true ? [:] : nil
        }
    }

    private static func tenths(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return String(rounded)
    }
}
