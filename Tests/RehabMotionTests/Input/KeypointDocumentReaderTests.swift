import Foundation
import RehabMotion
import Testing

@Suite struct KeypointDocumentReaderTests {
    @Test func readsTheContractDocument() throws {
        let json = """
            {"layout": "coco17", "fps": 30, "image": {"width": 1080, "height": 1920},
             "frames": [{"t": 0.0, "keypoints": [[0.5, 0.4, 0.9], null, [0.1, 0.2, 0.3, 0.8], [1, 2]]}, null,
                        {"t": 0.1, "people": [{"keypoints": [[0.5, 0.4]]}, [[0.2, 0.2, 3.5]]]}]}
            """
        let document = try KeypointDocumentReader.read(Data(json.utf8))
        #expect(document.layout == .coco17 && document.fps == 30)
        #expect(document.image == ImageSize(width: 1080, height: 1920))
        #expect(document.frames.count == 3 && document.frames[1] == nil)
        let first = try #require(document.frames[0])
        #expect(first.people[0][0] == RawKeypoint(x: 0.5, y: 0.4, confidence: 0.9))
        #expect(first.people[0][1] == nil)
        #expect(first.people[0][2] == RawKeypoint(x: 0.1, y: 0.2, z: 0.3, confidence: 0.8))
        #expect(document.frames[2]?.people.count == 2)
    }

    @Test func readsWorldLandmarksBesideTheKeypoints() throws {
        let json = """
            {"frames": [{"t": 0, "keypoints": [[0.5, 0.4, 0.9], null, [0.1, 0.2, 0.8]],
                         "world": [[0.1, -0.2, 0.05], [1, 1, 1], null]},
                        {"t": 0.1, "people": [{"keypoints": [[1, 2]], "world": [[0, 0.5, -0.1]]}, [[3, 4]]]},
                        {"t": 0.2, "keypoints": [[1, 2]], "world": [[0, null, 0]]}]}
            """
        let document = try KeypointDocumentReader.read(Data(json.utf8))
        let first = try #require(document.frames[0]).people[0]
        #expect(first[0]?.world == WorldPoint(x: 0.1, y: -0.2, z: 0.05))
        #expect(first[1] == nil)  // a landmark goes with the joint the image did not show
        #expect(first[2] != nil && first[2]?.world == nil)
        let people = try #require(document.frames[1]).people
        #expect(people[0][0]?.world == WorldPoint(x: 0, y: 0.5, z: -0.1))
        #expect(people[1][0] != nil && people[1][0]?.world == nil)
        #expect(document.frames[2]?.people[0][0]?.world == nil)  // a null number drops the whole landmark
    }

    /// The committed MediaPipe stream predates world landmarks: it reads exactly as before, without any.
    @Test func aDocumentWithoutWorldLandmarksHasNone() throws {
        let url = motionFixtures().appendingPathComponent("sports2d-demo-blazepose33.json")
        let document = try KeypointDocumentReader.read(try Data(contentsOf: url))
        #expect(
            document.frames.allSatisfy { frame in
                frame?.people.allSatisfy { $0.allSatisfy { $0?.world == nil } } ?? true
            })
        #expect(try RecordingBuilder.build(document).world == nil)
    }

    @Test func aBlazePoseWorldArrayOfTheWrongLengthNamesTheField() throws {
        let joints = Array(repeating: "[0.5, 0.5, 0.9]", count: 33).joined(separator: ",")
        let points = Array(repeating: "[0, 0, 0]", count: 32).joined(separator: ",")
        let json = """
            {"layout": "blazepose33", "frames": [{"t": 0, "keypoints": [\(joints)]},
             {"t": 0.1, "keypoints": [\(joints)], "world": [\(points)]}]}
            """
        #expect {
            try KeypointDocumentReader.read(Data(json.utf8))
        } throws: { error in
            let error = error as? MotionError
            return error?.field == "frames[1].world" && error?.problem.contains("32") == true
                && error?.problem.contains("33") == true
        }
    }

    @Test(arguments: [
        ("{\"frames\": [", "KEYPOINTS"),
        ("[]", "KEYPOINTS"),
        ("{\"layout\": \"openpose\", \"frames\": []}", "layout"),
        ("{\"frames\": 3}", "frames"),
        ("{\"fps\": -1, \"frames\": []}", "fps"),
        ("{\"image\": {\"width\": 0, \"height\": 10}, \"frames\": []}", "image.width"),
        ("{\"frames\": [{\"t\": \"NaN\", \"keypoints\": []}]}", "frames[0].t"),
        ("{\"frames\": [{\"t\": 0, \"keypoints\": [[1, \"NaN\"]]}]}", "frames[0].keypoints[0][1]"),
        ("{\"frames\": [{\"t\": 0, \"keypoints\": [[1]]}]}", "frames[0].keypoints[0]"),
        ("{\"frames\": [{\"t\": 0, \"keypoints\": 5}]}", "frames[0].keypoints"),
        ("{\"frames\": [{\"t\": 0, \"keypoints\": [[1, 2]], \"world\": [[0, 0]]}]}", "frames[0].world[0]"),
        ("{\"frames\": [{\"t\": 0, \"keypoints\": [[1, 2]], \"world\": [[0, true, 0]]}]}", "frames[0].world[0][1]"),
        ("{\"frames\": [{\"t\": 0, \"keypoints\": [[1, 2]], \"world\": 5}]}", "frames[0].world"),
        ("{\"frames\": [{\"t\": 0, \"world\": [[0, 0, 0]]}]}", "frames[0].world"),
        ("{\"frames\": [{\"t\": 0, \"people\": [[[1, 2]]], \"world\": [[0, 0, 0]]}]}", "frames[0].world"),
        (
            "{\"frames\": [{\"t\": 0, \"people\": [{\"keypoints\": [[1, 2]], \"world\": []}]}]}",
            "frames[0].people[0].world"
        ),
    ])
    func badInputNamesTheField(json: String, field: String) {
        #expect {
            try KeypointDocumentReader.read(Data(json.utf8))
        } throws: { error in
            (error as? MotionError)?.field == field
        }
    }
}
