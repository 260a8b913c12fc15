extension RedFlagRule {
    /// Every rule, most severe first. Built from docs/clinical-sources.md §5.2 (the triage table) and §5.1
    /// (thresholds).
    ///
    /// A check-in's level is the most severe level among the rules that fire, so a rule can only ever raise it.
    public static let all: [RedFlagRule] = emergency + urgent + contactClinician + modify

    /// The rule id reported when nothing else fires.
    public static let noWarningSigns = "no-warning-signs"

    private static let seeToday = "Call your surgeon's office today, or go to urgent care if it is closed:"
    private static let tellClinician = "Tell your physiotherapist or surgeon's office within a day or two:"

    private static let emergency: [RedFlagRule] = [
        RedFlagRule("chest-pain-or-breathless", .emergency) { context in
            guard context.checkIn.chestPainOrBreathless == true else { return nil }
            return "Call \(context.call) now: chest pain or breathlessness after surgery can mean a clot in the lung."
        }
    ]

    private static let urgent: [RedFlagRule] = [
        flag(
            "calf-pain-or-swelling", \.calfPainOrSwelling,
            "pain or swelling in the calf can mean a blood clot in the leg. Rest the leg until you have been checked."),
        RedFlagRule("fever", .urgent) { context in
            guard let t = context.checkIn.temperatureCelsius, t >= context.policy.feverCelsius else { return nil }
            return "\(seeToday) a temperature of \(tenths(t)) °C (\(tenths(context.policy.feverCelsius)) °C or more) "
                + "can be a sign of infection."
        },
        flag("wound-redness", \.woundRedness, "redness spreading around the wound can be a sign of infection."),
        flag(
            "wound-drainage", \.woundDrainage, "fluid leaking from the wound should be looked at by your surgical team."
        ),
        flag(
            "foot-numb-or-cold", \.footNumbOrCold,
            "a numb, pale or cold foot can mean a problem with blood flow or a nerve."),
        flag(
            "knee-locked", \.kneeLocked,
            "a knee that is stuck and will not straighten or bend needs checking. Do not force it."),
        RedFlagRule("severe-pain-at-rest", .urgent) { context in
            guard let pain = context.restingPain, pain >= context.policy.urgentPain else { return nil }
            return "\(seeToday) pain of \(pain)/10 while resting is more than expected and should be checked."
        },
        RedFlagRule("give-way-with-severe-swelling", .urgent) { context in
            guard context.checkIn.giveWay == true, let swelling = context.checkIn.swelling,
                swelling >= context.policy.giveWaySwelling
            else { return nil }
            return "\(seeToday) the knee gave way and is now \(swelling.adverb) swollen, which can mean an injury "
                + "inside the joint."
        },
    ]

    private static let contactClinician: [RedFlagRule] = [
        RedFlagRule("give-way", .contactClinician) { context in
            guard context.checkIn.giveWay == true else { return nil }
            return "\(tellClinician) the knee gave way. Skip balance and single-leg exercises until you have advice."
        },
        RedFlagRule("high-pain-at-rest", .contactClinician) { context in
            let policy = context.policy
            guard let pain = context.restingPain, (policy.contactPain..<policy.urgentPain).contains(pain) else {
                return nil
            }
            return "\(tellClinician) pain of \(pain)/10 while resting is higher than expected after surgery."
        },
        RedFlagRule("swelling-repeated", .contactClinician) { context in
            let limit = context.policy.repeatedSwelling
            guard let today = context.checkIn.swelling, today >= limit,
                let before = context.previous(\.swelling), before >= limit
            else { return nil }
            return "\(tellClinician) the knee has been \(limit.adverb) swollen or worse on two check-ins running."
        },
        RedFlagRule("morning-pain-repeated", .contactClinician) { context in
            let limit = context.policy.repeatedMorningPainAbove
            guard let today = context.checkIn.painMorning, today > limit,
                let before = context.previous(\.painMorning), before > limit
            else { return nil }
            return "\(tellClinician) pain on waking has been above \(limit)/10 two days running, so the exercises may "
                + "be too much for now."
        },
    ]

    private static let modify: [RedFlagRule] = [
        RedFlagRule("pain-moderate", .modify) { context in
            let policy = context.policy
            guard let pain = context.restingPain, (policy.modifyPain..<policy.contactPain).contains(pain) else {
                return nil
            }
            return "Go easier today: with pain at \(pain)/10, repeat your last level or use the easier version of "
                + "each exercise, and do not move up a step."
        },
        RedFlagRule("swelling", .modify) { context in
            guard let swelling = context.checkIn.swelling, swelling > .none else { return nil }
            return "Go easier today: the knee is \(swelling.adverb) swollen. Rest it raised, use ice if it suits "
                + "you, and do not move up a step."
        },
    ]

    /// An urgent rule that fires on one yes/no answer.
    private static func flag(_ id: String, _ answer: KeyPath<CheckIn, Bool?> & Sendable, _ why: String)
        -> RedFlagRule
    {
        RedFlagRule(id, .urgent) { context in
            context.checkIn[keyPath: answer] == true ? "\(seeToday) \(why)" : nil
        }
    }

    private static func tenths(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return String(rounded)
    }
}
