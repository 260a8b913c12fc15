import Foundation
import PropertyBased
import RehabCore
import Testing

struct KOOSTests {
    @Test func noProblemsScores100AndExtremeProblemsScore0() throws {
        let all = KOOS.items.map(\.id)
        let best = try KOOS.score(answers(all, all: 0))
        let worst = try KOOS.score(answers(all, all: 4))
        for subscale in KOOS.Subscale.allCases {
            #expect(best[subscale] == 100)
            #expect(worst[subscale] == 0)
        }
    }

    @Test func painSumOf5Over9ItemsIs86Point1() throws {
        let pain = KOOS.Subscale.pain.itemIDs
        let result = try KOOS.score(answers(pain.enumerated().map { ($1, $0 < 5 ? 1 : 0) }))
        #expect(result[.pain] == 86.1)
        #expect(result[.symptoms] == nil)
    }

    /// The 2012 rule: at least 5/4/9/3/2 answered items per subscale.
    @Test(arguments: zip(KOOS.Subscale.allCases, [5, 4, 9, 3, 2]))
    func scoresAtTheMinimumAndNotBelow(subscale: KOOS.Subscale, minimum: Int) throws {
        #expect(subscale.minimumAnswered == minimum)
        let ids = subscale.itemIDs
        let enough = try KOOS.score(answers(ids.enumerated().map { ($1, $0 < minimum ? 2 : nil) }))
        #expect(enough[subscale] == 50)
        #expect(enough.answered[subscale] == minimum)
        let tooFew = try KOOS.score(answers(ids.enumerated().map { ($1, $0 < minimum - 1 ? 2 : nil) }))
        #expect(tooFew[subscale] == nil)
    }

    @Test func unscoredSubscaleEncodesAsNull() throws {
        let result = try KOOS.score(answers(KOOS.Subscale.qol.itemIDs, all: 1))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(result), as: UTF8.self)
        #expect(json.contains(#""instrument":"koos""#))
        #expect(json.contains(#""scores":{"adl":null,"pain":null,"qol":75,"sport":null,"symptoms":null}"#))
        #expect(try JSONDecoder().decode(KOOSScore.self, from: Data(json.utf8)) == result)
    }

    @Test(arguments: [
        (answers([("P3", 5)]), "answers.P3: 5 is outside 0–4"),
        (answers([("P10", 1)]), "answers.P10"),
        (answers([("X", 1)]), "answers.X"),
    ])
    func refusesBadAnswers(input: QuestionnaireAnswers, prefix: String) {
        do {
            _ = try KOOS.score(input)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.hasPrefix(prefix))
        }
    }

    @Test func everyScoreStaysWithin0To100() async {
        let ids = KOOS.items.map(\.id)
        await propertyCheck(input: Gen.int(in: 0...4).optional.array(of: 42)) { values in
            let result = try KOOS.score(answers(Array(zip(ids, values))))
            for subscale in KOOS.Subscale.allCases {
                if let score = result[subscale] { #expect((0...100).contains(score)) }
            }
        }
    }
}
