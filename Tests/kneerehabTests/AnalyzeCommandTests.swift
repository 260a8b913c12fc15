import Foundation
import Testing

/// A COCO-17 person with no joint seen.
private let nobody = "[" + Array(repeating: "null", count: 17).joined(separator: ", ") + "]"

/// `kneerehab analyze` end to end on the committed synthetic wall squat (`tools/fixtures/motion`), whose numbers the
/// numpy peer (`tools/motion_peer.py`) reproduces independently: 4 full reps and 1 partial, flexion 0° to 90°.
@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct AnalyzeCommandTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/fixtures/motion/synthetic-wall-squat-coco17.json")

    static func json(_ arguments: [String], input: String = "") async throws -> [String: Any] {
        let result = try await KneeRehabBinary.run(["analyze"] + arguments + ["--format", "json"], input: input)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    }

    @Test func wallSquatJSONCarriesTheContractFields() async throws {
        let result = try await Self.json([Self.fixture.path, "--exercise", "wall-squat", "--side", "left"])
        #expect(result["exercise"] as? String == "wall-squat")
        #expect(result["side"] as? String == "left")
        #expect(result["status"] as? String == "ok")
        #expect(result["frames"] as? Int == 706)
        #expect(result["durationSeconds"] as? Double == 23.5)
        #expect(result["view"] as? String == "side")
        #expect(result["reps"] as? Int == 4)
        #expect(result["partialReps"] as? Int == 1)
        let flexion = try #require(result["kneeFlexion"] as? [String: Double])
        #expect(abs((flexion["min"] ?? 99) - 0) < 0.5 && abs((flexion["max"] ?? 0) - 89.9) < 0.1)
        #expect(abs((result["depthDegrees"] as? Double ?? 0) - 84.4) < 0.1)
        #expect((result["holdsSeconds"] as? [Double])?.count == 5)
        #expect(abs((result["holdSeconds"] as? Double ?? 0) - 1.739) < 0.01)
        // Valgus needs a front view: withheld with the reason, not guessed.
        #expect(result["valgusDegrees"] == nil)
        let withheld = try #require(result["lowConfidence"] as? [[String: String]])
        #expect(withheld.contains { $0["measure"] == "valgusDegrees" && $0["reason"]?.contains("front view") == true })
        for key in ["missing", "notes", "measurements"] { #expect(result[key] is [Any], "\(key)") }
    }

    @Test func heelSlideGivesARecordMeasurementStampedWithTheDate() async throws {
        let result = try await Self.json([
            Self.fixture.path, "--exercise", "heel-slide", "--side", "left", "--date", "2026-11-20",
        ])
        let measurements = try #require(result["measurements"] as? [[String: Any]])
        #expect(measurements.count == 1)
        #expect(measurements.first?["kind"] as? String == "knee-flexion")
        #expect(measurements.first?["side"] as? String == "left")
        #expect(measurements.first?["date"] as? String == "2026-11-20")
        #expect(abs((measurements.first?["value"] as? Double ?? 0) - 89.9) < 0.1)
    }

    @Test func standardInputAndComparisonWithTheOtherLeg() async throws {
        let document = try String(contentsOf: Self.fixture, encoding: .utf8)
        let result = try await Self.json(
            ["-", "--exercise", "wall-squat", "--side", "left", "--compare", Self.fixture.path], input: document)
        #expect(result["reps"] as? Int == 4)
        let symmetry = try #require(result["symmetry"] as? [String: Any])
        #expect(symmetry["involvedSide"] as? String == "left")
        let measures = try #require(symmetry["measures"] as? [[String: Any]])
        let reps = try #require(measures.first { $0["measure"] as? String == "reps" })
        // The same squat on both legs (the wall squat moves both knees alike): perfectly symmetric.
        #expect(reps["lsiPercent"] as? Double == 100)
        #expect(reps["flagged"] as? Bool == false)
    }

    @Test func textOutputIsReadable() async throws {
        let result = try await KneeRehabBinary.run(
            ["analyze", Self.fixture.path, "--exercise", "wall-squat", "--side", "left"], input: "")
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("wall-squat, left leg: 706 frames, 23.5 s, side view\n"))
        #expect(result.out.contains("reps: 4 (+1 partial)"))
        #expect(result.out.contains("low confidence — valgusDegrees"))
    }

    @Test func anOpenPoseDirectoryReadsLikeTheDocument() async throws {
        // The fixture rewritten as OpenPose BODY_25 per-frame files in pixels (missing joints 0,0,0).
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as? [String: Any])
        let frames = try #require(document["frames"] as? [Any])
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kneerehab-openpose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // COCO-17 index → BODY_25 index for the joints both layouts name.
        let body25 = [0: 0, 5: 5, 6: 2, 11: 12, 12: 9, 13: 13, 14: 10, 15: 14, 16: 11]
        for (index, frame) in frames.enumerated() {
            var people: [[String: Any]] = []
            if let joints = (frame as? [String: Any])?["keypoints"] as? [Any] {
                var flat = [Double](repeating: 0, count: 75)
                for (coco, body) in body25 {
                    guard let point = joints[coco] as? [Double] else { continue }
                    flat[3 * body] = point[0] * 1280
                    flat[3 * body + 1] = point[1] * 720
                    flat[3 * body + 2] = point[2]
                }
                people.append(["pose_keypoints_2d": flat])
            }
            let name = String(format: "clip_%012d_keypoints.json", index)
            try JSONSerialization.data(withJSONObject: ["version": 1.3, "people": people])
                .write(to: directory.appendingPathComponent(name))
        }
        let result = try await Self.json([
            directory.path, "--exercise", "wall-squat", "--side", "left", "--layout", "body25", "--fps", "30",
        ])
        #expect(result["frames"] as? Int == 706)
        #expect(result["reps"] as? Int == 4 && result["partialReps"] as? Int == 1)
        let flexion = try #require(result["kneeFlexion"] as? [String: Double])
        #expect(abs((flexion["max"] ?? 0) - 89.9) < 0.1)
    }

    @Test(arguments: [
        (["/nonexistent/squat.json", "--exercise", "wall-squat"], "error: KEYPOINTS: cannot read file"),
        (["FIXTURE", "--exercise", "squat"], "error: --exercise: unknown exercise 'squat'"),
        (["FIXTURE", "--exercise", "wall-squat", "--layout", "coco18"], "error: --layout: unknown layout 'coco18'"),
        (["FIXTURE", "--exercise", "wall-squat", "--side", "middle"], "error: --side: must be left or right"),
        (["FIXTURE", "--exercise", "wall-squat", "--date", "25/11/2026"], "error: --date: must be a date"),
        (["FIXTURE", "--exercise", "wall-squat", "--height-cm", "900"], "error: --height-cm: must be between"),
        (["FIXTURE", "--exercise", "wall-squat", "--fps", "0"], "error: --fps: must be a positive number"),
        (["FIXTURE", "--exercise", "wall-squat", "--compare", "/nonexistent.json"], "error: --compare: cannot read"),
        (
            ["FIXTURE", "--exercise", "wall-squat", "--layout", "blazepose33"],
            "error: frames[0].people[0]: has 17 joints"
        ),
    ])
    func refusesBadArgumentsWithOneLineNamingTheField(arguments: [String], message: String) async throws {
        let resolved = arguments.map { $0 == "FIXTURE" ? Self.fixture.path : $0 }
        let result = try await KneeRehabBinary.run(["analyze"] + resolved, input: "")
        #expect(result.status == 1)
        #expect(result.err.hasPrefix(message), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.out.isEmpty)
    }

    @Test(arguments: [
        (#"{"layout": "coco17", "frames": [{"t": 0, "keypoints": [[1, 2"#, "error: KEYPOINTS: is not valid JSON"),
        (#"{"layout": "coco17", "fps": -3, "frames": []}"#, "error: fps: must be positive"),
        (
            #"{"layout": "coco17", "frames": [{"t": 0.1, "keypoints": "# + nobody + #"}, {"t": 0.1, "keypoints": "#
                + nobody + "}]}",
            "error: frames[1].t: is not after the previous frame's time"
        ),
        (#"{"layout": "coco17", "frames": [null, null]}"#, "error: frames: no frame holds a usable person"),
    ])
    func refusesBadDocumentsWithOneLineNamingTheField(document: String, message: String) async throws {
        let result = try await KneeRehabBinary.run(["analyze", "-", "--exercise", "heel-slide"], input: document)
        #expect(result.status == 1)
        #expect(result.err.hasPrefix(message), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
    }
}
