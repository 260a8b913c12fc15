import Foundation
import PropertyBased
import RehabCore
import Testing

struct LEFSTests {
    static let ids = (1...20).map(String.init)

    @Test(arguments: [(0, 0, 0.0), (4, 80, 100.0), (2, 40, 50.0)])
    func totalsAndPercent(each: Int, total: Int, percent: Double) throws {
        let result = try LEFS.score(answers(Self.ids, all: each))
        #expect(result.score == total)
        #expect(result.percentOfMaximum == percent)
    }

    @Test func fiftyTwoIsSixtyFivePercent() throws {
        let values = Self.ids.enumerated().map { ($1, $0 < 12 ? 4 : $0 < 16 ? 1 : 0) }
        let result = try LEFS.score(answers(values))
        #expect(result.score == 52)
        #expect(result.percentOfMaximum == 65)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains(#""instrument":"lefs""#) && json.contains(#""score":52"#))
    }

    @Test(arguments: [
        (answers((1...19).map { ("\($0)", 4) }), "answers.20: is unanswered"),
        (answers((1...20).map { ("\($0)", $0 == 7 ? nil : 4) }), "answers.7: is unanswered"),
        (answers((1...20).map { ("\($0)", $0 == 3 ? 5 : 4) }), "answers.3: 5 is outside 0–4"),
        (answers((1...21).map { ("\($0)", 4) }), "answers.21: is not an item of LEFS"),
    ])
    func refusesIncompleteOrBadAnswers(input: QuestionnaireAnswers, prefix: String) {
        do {
            _ = try LEFS.score(input)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.hasPrefix(prefix))
        }
    }

    @Test func totalStaysWithin0To80() async {
        await propertyCheck(input: Gen.int(in: 0...4).array(of: 20)) { values in
            let result = try LEFS.score(answers(Array(zip(Self.ids, values))))
            #expect((0...80).contains(result.score))
            #expect((0...100).contains(result.percentOfMaximum))
        }
    }
}
