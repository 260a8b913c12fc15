import PropertyBased
import Testing

@testable import RehabCore

@Suite struct ProgressionDecisionTests {
    func rule(_ id: String) throws -> ProgressionRule {
        try #require(ProgressionRules.ordered.first { $0.id == id })
    }

    @Test func progressMovesUpOneStep() throws {
        let (step, change, id, _) = ProgressionDecision.apply(
            try rule("green-easy-repeated"), current: 2, highest: 4, settings: Catalog.bundled.progression)
        #expect((step, change, id) == (3, .progress, "green-easy-repeated"))
    }

    @Test func progressAtTheHighestAllowedStepHolds() throws {
        let (step, change, id, _) = ProgressionDecision.apply(
            try rule("green-easy-repeated"), current: 3, highest: 3, settings: Catalog.bundled.progression)
        #expect((step, change, id) == (3, .hold, "highest-step-for-now"))
    }

    @Test func regressAtTheFirstStepHolds() throws {
        let (step, change, id, _) = ProgressionDecision.apply(
            try rule("pain-red"), current: 1, highest: 4, settings: Catalog.bundled.progression)
        #expect((step, change, id) == (1, .hold, "lowest-step"))
    }

    @Test func aStepAboveThisWeeksLimitComesDownOne() throws {
        let (step, change, id, _) = ProgressionDecision.apply(
            try rule("green-easy-repeated"), current: 4, highest: 2, settings: Catalog.bundled.progression)
        #expect((step, change, id) == (3, .regress, "limit-this-week"))
    }

    @Test func theStepNeverMovesMoreThanOneRung() async {
        let rules = ProgressionRules.ordered
        await propertyCheck(
            count: 1000, input: Gen.int(in: 0..<rules.count), Gen.int(in: 1...6), Gen.int(in: 1...6)
        ) { index, current, highest in
            let (step, change, _, _) = ProgressionDecision.apply(
                rules[index], current: current, highest: highest, settings: Catalog.bundled.progression)
            #expect(abs(step - current) <= 1)
            #expect(step >= 1)
            if current <= highest { #expect(step <= highest) }
            switch change {
            case .progress: #expect(step == current + 1)
            case .regress: #expect(step == current - 1)
            case .hold, .pause, .start: #expect(step == current)
            }
        }
    }
}
