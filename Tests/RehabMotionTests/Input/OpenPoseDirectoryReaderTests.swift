import Foundation
import RehabMotion
import Testing

@Suite struct OpenPoseDirectoryReaderTests {
    static func frameFile(people: Int, missingFirst: Bool) -> Data {
        let person = (0..<25).map { $0 == 0 && missingFirst ? "0,0,0" : "\(100 + $0),\(200 + $0),0.9" }
            .joined(separator: ",")
        let list = Array(repeating: "{\"pose_keypoints_2d\":[\(person)]}", count: people).joined(separator: ",")
        return Data("{\"version\":1.3,\"people\":[\(list)]}".utf8)
    }

    @Test(arguments: [1, 2])
    func readsFramesInNameOrder(people: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<3 {
            let name = String(format: "video_%012d_keypoints.json", index)
            try Self.frameFile(people: people, missingFirst: index == 1).write(
                to: directory.appendingPathComponent(name))
        }
        let document = try OpenPoseDirectoryReader.read(directory: directory, fps: 25, layout: nil)
        #expect(document.frames.count == 3)
        #expect(document.frames[1]?.time == 1.0 / 25)
        #expect(document.frames[1]?.people.count == people)
        #expect(document.frames[1]?.people[0][0] == nil)
        #expect(document.frames[0]?.people[0][3] == RawKeypoint(x: 103, y: 203, confidence: 0.9))
    }

    @Test(arguments: [
        ("{\"people\":[{\"pose_keypoints_2d\":[1,2]}]}", "f.json: people[0].pose_keypoints_2d"),
        ("{\"people\":", "f.json"), ("{}", "f.json: people"),
    ])
    func badFramesNameTheFile(json: String, field: String) {
        #expect {
            try OpenPoseDirectoryReader.readFrame(Data(json.utf8), name: "f.json", time: 0)
        } throws: { error in
            (error as? MotionError)?.field == field
        }
    }

    @Test func emptyDirectoryIsNotEnoughData() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect {
            try OpenPoseDirectoryReader.read(directory: directory, fps: 30, layout: nil)
        } throws: { error in
            (error as? MotionError)?.code == .notEnoughData
        }
    }
}
