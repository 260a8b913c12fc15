import Foundation
import RehabCore
import Testing

struct TriageResultTests {
    @Test func levelIsTheMostSevereReasonAndReasonsAreSorted() {
        let result = TriageResult(reasons: [
            TriageReason(rule: "a", level: .modify, message: "m"),
            TriageReason(rule: "b", level: .urgent, message: "u"),
            TriageReason(rule: "c", level: .modify, message: "m2"),
        ])
        #expect(result.level == .urgent)
        #expect(result.reasons.map(\.rule) == ["b", "a", "c"])
        #expect(result.raisesAlert)
    }

    @Test func encodesTheContractShape() throws {
        let result = TriageResult(reasons: [TriageReason(rule: "fever", level: .urgent, message: "Call.")])
        let object = try #require(
            JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        #expect(object["level"] as? String == "urgent")
        let reasons = try #require(object["reasons"] as? [[String: Any]])
        #expect(reasons.first?["rule"] as? String == "fever")
        #expect(reasons.first?["message"] as? String == "Call.")
    }
}
