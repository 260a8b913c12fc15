import PropertyBased
import RehabCore
import Testing

struct IKDCTests {
    /// Every 0–4 item 3, locking 0 (locks), pain frequency 2 (→ 8), pain severity 4 (→ 6), function now 7:
    /// 14 × 3 + 0 + 8 + 6 + 7 = 63 of 87.
    static func sample(dropping dropped: Set<String> = []) -> QuestionnaireAnswers {
        let special = ["6": 0, "2": 2, "3": 4, "10b": 7, "10a": 9]
        return answers(IKDC.items.map { ($0.id, dropped.contains($0.id) ? nil : special[$0.id] ?? 3) })
    }

    @Test func itemCodingMatchesTheForm() {
        let scored = IKDC.items.filter(\.scored)
        #expect(scored.count == 18)
        #expect(scored.filter { $0.maximum == 1 }.map(\.id) == ["6"])
        #expect(scored.filter { $0.maximum == 10 }.map(\.id) == ["2", "3", "10b"])
        #expect(scored.filter { $0.maximum == 4 }.count == 14)
        #expect(scored.map(\.maximum).reduce(0, +) == 87)
    }

    @Test(
        arguments: [
            (Set<String>(), 18, 72.4),  // 63 / 87
            (["6"], 17, 73.3),  // 63 / 86
            (["6", "10b"], 16, 73.7),  // 56 / 76
            (["10a"], 18, 72.4),  // 10a is not scored
        ] as [(Set<String>, Int, Double)])
    func scoresWith16To18Answered(dropped: Set<String>, answered: Int, score: Double) throws {
        #expect(try IKDC.score(Self.sample(dropping: dropped)) == IKDCScore(score: score, answered: answered))
    }

    @Test func refusesWith15Answered() {
        do {
            _ = try IKDC.score(Self.sample(dropping: ["6", "10b", "9i"]))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == "answers")
            #expect(error.problem.hasPrefix("only 15 of the 18 scored IKDC items are answered"))
            #expect(error.problem.contains("unanswered: 6, 9i, 10b"))
        }
    }

    @Test func bestAndWorstAnswers() throws {
        let best = answers(IKDC.items.map { ($0.id, IKDC.reversedItems.contains($0.id) ? 0 : $0.maximum) })
        let worst = answers(IKDC.items.map { ($0.id, IKDC.reversedItems.contains($0.id) ? 10 : 0) })
        #expect(try IKDC.score(best).score == 100)
        #expect(try IKDC.score(worst).score == 0)
    }

    @Test(arguments: [("6", 2, "2 is outside 0–1"), ("2", 11, "11 is outside 0–10")])
    func refusesOutOfRange(item: String, value: Int, problem: String) {
        var values = Self.sample().entries
        values[item] = value
        #expect(throws: InvalidInput(field: "answers.\(item)", problem: problem)) {
            try IKDC.score(QuestionnaireAnswers(values))
        }
    }

    @Test func scoreStaysWithin0To100() async {
        let items = IKDC.items
        await propertyCheck(input: Gen.int(in: 0...10).optional(valueRate: 0.95).array(of: items.count)) { values in
            let given = answers(
                zip(items, values).map { item, value in (item.id, value.map { min($0, item.maximum) }) })
            let answered = zip(items, values).filter { $0.0.scored && $0.1 != nil }.count
            if answered >= 16 {
                let result = try IKDC.score(given)
                #expect((0...100).contains(result.score))
                #expect(result.answered == answered)
            } else {
                #expect(throws: InvalidInput.self) { try IKDC.score(given) }
            }
        }
    }
}
