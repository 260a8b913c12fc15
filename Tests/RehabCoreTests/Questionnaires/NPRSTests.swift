import PropertyBased
import RehabCore
import Testing

struct NPRSTests {
    @Test(arguments: 0...10)
    func scoresTheRating(pain: Int) throws {
        #expect(try NPRS.score(answers([("pain", pain)])) == NPRSScore(score: pain))
    }

    @Test(arguments: [
        (answers([("pain", 11)]), "answers.pain: 11 is outside 0–10"),
        (answers([("pain", -1)]), "answers.pain: -1 is outside 0–10"),
        (answers([("pain", nil)]), "answers.pain: is unanswered; NPRS needs a pain rating 0–10"),
        (answers([("ache", 3)]), "answers.ache: is not an item of Pain rating (NPRS) (expected pain)"),
    ])
    func refusesBadAnswers(input: QuestionnaireAnswers, message: String) {
        #expect(throws: InvalidInput.self) { try NPRS.score(input) }
        do {
            _ = try NPRS.score(input)
        } catch {
            #expect(error.description == message)
        }
    }
}
