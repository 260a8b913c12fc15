import Foundation
import Testing

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct TriageCommandTests {
    @Test(arguments: [
        ([], #"{"date":"2026-11-21","chestPainOrBreathless":true}"#, #""level" : "emergency""#),
        ([], #"{"date":"2026-11-21","temperatureCelsius":38.4}"#, #""level" : "urgent""#),
        (["--fever-celsius", "38.5"], #"{"date":"2026-11-21","temperatureCelsius":38.4}"#, #""level" : "continue""#),
        (["--emergency-number", "112"], #"{"date":"2026-11-21","chestPainOrBreathless":true}"#, "Call 112 now"),
        ([], #"{"date":"2026-11-21","painAtRest":4,"swelling":"mild"}"#, #""level" : "modify""#),
    ])
    func triages(options: [String], input: String, fragment: String) async throws {
        let result = try await KneeRehabBinary.run(["triage", "-", "--format", "json"] + options, input: input)
        #expect(result.status == 0)
        #expect(result.out.contains(fragment))
    }

    @Test func textNamesTheLevelInPlainWords() async throws {
        let result = try await KneeRehabBinary.run(["triage", "-"], input: #"{"date":"2026-11-21","giveWay":true}"#)
        #expect(result.out.hasPrefix("Contact your clinician within a day or two."))
        #expect(result.out.contains("[give-way]"))
    }

    @Test(arguments: [
        ([], #"{"date":"2026-11-21","painAtRest":12}"#, "checkIn.painAtRest: 12 is outside 0–10"),
        ([], #"{"painAtRest":2}"#, "checkIn.date: is missing"),
        (["--fever-celsius", "50"], #"{"date":"2026-11-21"}"#, "--fever-celsius:"),
        (["--emergency-number", "dial"], #"{"date":"2026-11-21"}"#, "--emergency-number:"),
    ])
    func refusesBadInputWithOneLine(options: [String], input: String, message: String) async throws {
        let result = try await KneeRehabBinary.run(["triage", "-"] + options, input: input)
        #expect(result.status == 1)
        #expect(result.err.contains(message))
        #expect(result.err.split(separator: "\n").count == 1)
    }
}
