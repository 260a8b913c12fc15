import Foundation
import RehabCore
import Testing

struct QuestionnaireAnswersTests {
    @Test func decodesNumbersAndNulls() throws {
        let decoded = try JSONDecoder().decode(QuestionnaireAnswers.self, from: Data(#"{"P1": 2, "P2": null}"#.utf8))
        #expect(decoded["P1"] == 2)
        #expect(decoded["P2"] == nil)
        #expect(decoded.entries.keys.sorted() == ["P1", "P2"])
    }

    @Test(arguments: [
        (#"{"P1": 2.5}"#, "answers.P1"),
        (#"{"P1": "two"}"#, "answers.P1"),
        (#"{"P1": true}"#, "answers.P1"),
    ])
    func refusesNonIntegers(json: String, field: String) {
        do {
            _ = try JSONDecoder().decode(QuestionnaireAnswers.self, from: Data(json.utf8))
            Issue.record("expected a refusal")
        } catch let error as InvalidInput {
            #expect(error.field == field)
            #expect(error.problem == "should be a whole number or null")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func unknownIdsNameTheExpectedRanges() {
        #expect(
            throws: InvalidInput(
                field: "answers.Z1", problem: "is not an item of KOOS (expected S1–S7, P1–P9, A1–A17, SP1–SP5, Q1–Q4)")
        ) {
            try answers([("Z1", 1)]).validate(for: .koos)
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let original = answers([("1", 3), ("2", nil)])
        let decoded = try JSONDecoder().decode(QuestionnaireAnswers.self, from: JSONEncoder().encode(original))
        #expect(decoded == original)
    }
}
