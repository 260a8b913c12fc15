import Foundation
import Testing

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ScoreCommandTests {
    @Test(arguments: [
        (
            ["score", "koos-jr", "-", "--format", "json"], #"{"1":1,"2":1,"3":1,"4":1,"5":1,"6":1,"7":1}"#,
            #""score" : 68.284"#
        ),
        (["score", "nprs", "-", "--format", "json"], #"{"pain": 4}"#, #""instrument" : "nprs""#),
        (["score", "koos", "-"], #"{"P1":1,"P2":1,"P3":1,"P4":1,"P5":1}"#, "Pain"),
    ])
    func scores(arguments: [String], input: String, fragment: String) async throws {
        let result = try await KneeRehabBinary.run(arguments, input: input)
        #expect(result.status == 0)
        #expect(result.out.contains(fragment))
    }

    @Test(arguments: [
        (["score", "koos", "-"], #"{"P3": 5}"#, "answers.P3: 5 is outside 0–4"),
        (["score", "koos-jr", "-"], #"{"1":1,"2":1,"4":1,"5":1,"6":1,"7":1}"#, "answers.3: is unanswered"),
        (["score", "lefs", "-"], #"{"1": 1.5}"#, "answers.1: should be a whole number"),
        (["score", "koos", "-"], "not json", "answers: is not valid JSON"),
        (["score", "oxford", "-"], "{}", "instrument: must be one of"),
    ])
    func refusesBadInputWithOneLine(arguments: [String], input: String, message: String) async throws {
        let result = try await KneeRehabBinary.run(arguments, input: input)
        #expect(result.status == 1)
        #expect(result.err.contains(message))
        #expect(result.err.split(separator: "\n").count == 1)
    }
}
