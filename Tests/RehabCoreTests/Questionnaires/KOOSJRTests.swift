import PropertyBased
import RehabCore
import Testing

struct KOOSJRTests {
    /// docs/clinical-sources.md §6.2: raw sum → interval score.
    static let table: [(raw: Int, score: Double)] = [
        (0, 100.000), (1, 91.975), (2, 84.600), (3, 79.914), (4, 76.332), (5, 73.342), (6, 70.704), (7, 68.284),
        (8, 65.994), (9, 63.776), (10, 61.583), (11, 59.381), (12, 57.140), (13, 54.840), (14, 52.465),
        (15, 50.012), (16, 47.487), (17, 44.905), (18, 42.281), (19, 39.625), (20, 36.931), (21, 34.174),
        (22, 31.307), (23, 28.251), (24, 24.875), (25, 20.941), (26, 15.939), (27, 8.291), (28, 0.000),
    ]

    /// Seven answers that add up to `raw`, filling items in order.
    static func answersSumming(to raw: Int) -> QuestionnaireAnswers {
        answers((0..<7).map { ("\($0 + 1)", min(4, max(0, raw - 4 * $0))) })
    }

    @Test(arguments: table)
    func everyTableRow(raw: Int, score: Double) throws {
        let result = try KOOSJR.score(Self.answersSumming(to: raw), table: bundledQuestionnaires.koosJR)
        #expect(result == KOOSJRScore(raw: raw, score: score))
    }

    @Test(arguments: [
        (
            answers([("1", 1), ("2", 1), ("3", nil), ("4", 1), ("5", 1), ("6", 1), ("7", 1)]),
            "answers.3: is unanswered"
        ),
        (answers([("1", 1), ("2", 1), ("4", 1), ("6", 1), ("7", 1)]), "answers.3: is unanswered"),
        (answers([("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 1), ("6", 1), ("7", 1), ("8", 1)]), "answers.8"),
        (
            answers([("1", 5), ("2", 1), ("3", 1), ("4", 1), ("5", 1), ("6", 1), ("7", 1)]),
            "answers.1: 5 is outside 0–4"
        ),
    ])
    func refusesIncompleteOrBadAnswers(input: QuestionnaireAnswers, prefix: String) {
        do {
            _ = try KOOSJR.score(input, table: bundledQuestionnaires.koosJR)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.hasPrefix(prefix))
        }
    }

    @Test func errorListsEveryMissingItem() {
        do {
            _ = try KOOSJR.score(
                answers([("1", 0), ("2", 0), ("4", 0), ("6", 0), ("7", 0)]), table: bundledQuestionnaires.koosJR)
        } catch {
            #expect(error.problem.contains("unanswered: 3, 5"))
        }
    }

    @Test func tableRefusesWrongShapes() {
        #expect(throws: InvalidInput.self) { try KOOSJRTable(intervalScores: [100, 50, 0], source: "test") }
        let rising = Self.table.map(\.score).enumerated().map { $0.offset == 5 ? 99 : $0.element }
        #expect(throws: InvalidInput.self) { try KOOSJRTable(intervalScores: rising, source: "test") }
    }

    @Test func scoreStaysWithin0To100AndFallsAsTheRawSumRises() async {
        let table = bundledQuestionnaires.koosJR
        await propertyCheck(input: Gen.int(in: 0...4).array(of: 7), Gen.int(in: 0...6)) { values, index in
            let ids = (1...7).map(String.init)
            let before = try KOOSJR.score(answers(Array(zip(ids, values))), table: table)
            #expect((0...100).contains(before.score))
            var worse = values
            worse[index] = min(4, worse[index] + 1)
            let after = try KOOSJR.score(answers(Array(zip(ids, worse))), table: table)
            #expect(after.score <= before.score)
        }
    }
}
