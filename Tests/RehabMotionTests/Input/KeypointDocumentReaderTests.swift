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
    ])
    func badInputNamesTheField(json: String, field: String) {
        #expect {
            try KeypointDocumentReader.read(Data(json.utf8))
        } throws: { error in
            (error as? MotionError)?.field == field
        }
    }
}
