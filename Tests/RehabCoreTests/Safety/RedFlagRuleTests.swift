import RehabCore
import Testing

struct RedFlagRuleTests {
    @Test func ruleIdsAreUniqueAndListedMostSevereFirst() {
        let ids = RedFlagRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(RedFlagRule.all.map(\.level) == RedFlagRule.all.map(\.level).sorted(by: >))
        #expect(!ids.contains(RedFlagRule.noWarningSigns))
    }

    @Test(arguments: RedFlagRule.all.map(\.id))
    func everyRuleIsCoveredByACaseTest(id: String) {
        #expect(TriageTests.cases.contains { $0.rule == id })
    }

    @Test func reasonReportsOneRule() throws {
        let fever = try #require(RedFlagRule.all.first { $0.id == "fever" })
        let hot = checkIn { $0.temperatureCelsius = 38.6 }
        let reason = try #require(fever.reason(for: hot, recent: [], policy: bundledPolicy))
        #expect(reason.level == .urgent)
        #expect(reason.message.contains("38.6 °C"))
        #expect(fever.reason(for: checkIn(), recent: [], policy: bundledPolicy) == nil)
    }
}
