import Foundation
import Testing

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct PlanCommandTests {
    let tkr = [
        "plan", "--surgery", "total-knee-replacement", "--side", "left", "--surgery-date", "2026-11-01",
        "--today", "2026-11-25",
    ]

    @Test func jsonHasTheContractShape() async throws {
        let result = try await KneeRehabBinary.run(tkr + ["--format", "json"], input: "")
        #expect(result.status == 0)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(plan["daysSinceSurgery"] as? Int == 24)
        #expect(plan["date"] as? String == "2026-11-25")
        let surgery = try #require(plan["surgery"] as? [String: Any])
        #expect(surgery["kind"] as? String == "total-knee-replacement")
        #expect((plan["phase"] as? [String: Any])?["id"] is String)
        let exercises = try #require(plan["exercises"] as? [[String: Any]])
        #expect(exercises.first?["category"] as? String == "warm-up")
        #expect(exercises.last?["id"] as? String == "ice")
        #expect(exercises.allSatisfy { $0["step"] is Int && $0["name"] is String })
        let gate = try #require(plan["phaseGate"] as? [String: Any])
        #expect(gate["met"] is [String] && gate["unmet"] is [String])
        #expect(plan["alerts"] is [Any] && plan["precautions"] is [String])
    }

    @Test func textIsAFridgePrintout() async throws {
        let result = try await KneeRehabBinary.run(tkr, input: "")
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("YOUR KNEE PROGRAM FOR WEDNESDAY 25 NOVEMBER 2026"))
        #expect(result.out.contains("STOP AND CALL"))
    }

    @Test(arguments: [
        (["--surgery", "hip"], "error: --surgery: \"hip\" is not one of"),
        (["--side", "middle"], "error: --side: \"middle\" is not one of left, right"),
        (["--surgery-date", "2026-02-30"], "error: --surgery-date: \"2026-02-30\" is not a real date"),
        (["--today", "2026-10-01"], "error: --today: 2026-10-01 is before the surgery date 2026-11-01"),
        (["--format", "xml"], "--format"),
    ])
    func badInputIsOneLineNamingTheOption(_ change: [String], _ message: String) async throws {
        var arguments = tkr
        if let index = arguments.firstIndex(of: change[0]) {
            arguments[index + 1] = change[1]
        } else {
            arguments += change
        }
        let result = try await KneeRehabBinary.run(arguments, input: "")
        #expect(result.status == 1)
        #expect(result.err.hasPrefix(message) || result.err.contains(message))
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.out.isEmpty)
    }
}

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ReviewCommandTests {
    static let record = """
        {"surgery": {"kind": "acl-reconstruction", "side": "right", "date": "2026-10-01"},
         "sessions": [{"date": "2026-11-20", "painAfter": 3,
           "exercises": [{"id": "quad-set", "sets": 3, "reps": 10, "holdSeconds": 10, "painDuring": 7, "difficulty": "hard"}]}],
         "checkIns": [{"date": "2026-11-21", "painMorning": 1, "swelling": "none"}],
         "measurements": [{"date": "2026-11-19", "kind": "knee-flexion", "side": "right", "value": 115}]}
        """

    @Test func reviewsARecordFromStandardInput() async throws {
        let result = try await KneeRehabBinary.run(
            ["review", "-", "--today", "2026-11-25", "--format", "json"], input: Self.record)
        #expect(result.status == 0, "\(result.err)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let exercises = try #require(plan["exercises"] as? [[String: Any]])
        let changes = Set(exercises.compactMap { $0["change"] as? String })
        #expect(changes.isSubset(of: ["start", "progress", "hold", "regress", "pause"]))
        #expect(exercises.allSatisfy { $0["reason"] is String && $0["rule"] is String })
    }

    @Test(arguments: [
        (
            "\"painDuring\": 7", "\"painDuring\": 11",
            "error: record.sessions[0].exercises[0].painDuring: 11 is outside 0–10"
        ),
        ("\"quad-set\"", "\"moonwalk\"", "error: record.sessions[0].exercises[0].id: unknown exercise \"moonwalk\""),
        ("\"2026-11-20\"", "\"2026-11-31\"", "error: record.sessions[0].date:"),
        ("\"hard\"", "\"awful\"", "error: record.sessions[0].exercises[0].difficulty:"),
        ("\"right\", \"date\"", "\"up\", \"date\"", "error: record.surgery.side:"),
        ("{\"surgery\"", "[{\"surgery\"", "error: record:"),
        ("\"2026-11-21\"", "\"2026-12-21\"", "error: record.checkIns[0].date: 2026-12-21 is in the future"),
    ])
    func badRecordsAreOneLineNamingTheField(_ from: String, _ to: String, _ message: String) async throws {
        let input = Self.record.replacingOccurrences(of: from, with: to)
        #expect(input != Self.record)
        let result = try await KneeRehabBinary.run(["review", "-", "--today", "2026-11-25"], input: input)
        #expect(result.status == 1)
        #expect(result.err.hasPrefix(message), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test func aMissingFileIsReported() async throws {
        let result = try await KneeRehabBinary.run(["review", "/nonexistent/record.json"], input: "")
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("error: RECORD: cannot read file"))
    }
}

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct CatalogCommandTests {
    @Test func listsExercisesAndProtocols() async throws {
        let result = try await KneeRehabBinary.run(["catalog"], input: "")
        #expect(result.status == 0)
        #expect(result.out.contains("wall-squat") && result.out.contains("mcl-reconstruction"))
    }

    @Test func checkAcceptsAnEmptyOverrideAndRefusesABrokenOne() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("override-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ok = try await KneeRehabBinary.run(["catalog", "--check", directory.path], input: "")
        #expect(ok.status == 0)
        #expect(ok.out.hasPrefix("catalog OK: 15 exercises, 6 protocols"))
        try "painGreenMax: {value: 11, source: x}\n".write(
            to: directory.appendingPathComponent("progression.yaml"), atomically: true, encoding: .utf8)
        let bad = try await KneeRehabBinary.run(["catalog", "--check", directory.path], input: "")
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("error: progression.yaml: "))
    }
}
