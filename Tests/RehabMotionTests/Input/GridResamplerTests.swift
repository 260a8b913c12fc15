import Foundation
import RehabMotion
import Testing

/// `GridResampler` is internal; it is tested through `RecordingBuilder.build`, the only way data reaches it.
@Suite struct GridResamplerTests {
    /// Where joint `j` is at time `t`: every joint moves in a straight line, so linear interpolation is exact.
    static func position(_ joint: Int, _ t: Double) -> (x: Double, y: Double) {
        (100 + 10 * Double(joint) + 50 * t, 200 + 5 * Double(joint) - 20 * t)
    }

    /// Where joint `j` is in the world frame at time `t`, in metres: straight lines again.
    static func worldPosition(_ joint: Int, _ t: Double) -> WorldPoint {
        WorldPoint(x: 0.01 * Double(joint) + 0.2 * t, y: -0.3 + 0.4 * t, z: 0.05 * Double(joint) - 0.1 * t)
    }

    /// A COCO-17 pixel document with one fully visible person at each of `times` (nil entries are dropped frames),
    /// with world landmarks at the times in `world`.
    static func document(_ times: [Double?], drop: Set<Joint> = [], world: Set<Double> = []) -> KeypointDocument {
        let layout = KeypointLayout.coco17
        let frames = times.map { time -> RawFrame? in
            guard let time else { return nil }
            var person = RawPerson(repeating: nil, count: layout.jointCount)
            for joint in Joint.allCases where !drop.contains(joint) {
                guard let index = layout.index(of: joint) else { continue }
                let p = position(joint.rawValue, time)
                person[index] = RawKeypoint(
                    x: p.x, y: p.y, confidence: 0.9,
                    world: world.contains(time) ? worldPosition(joint.rawValue, time) : nil)
            }
            return RawFrame(time: time, people: [person])
        }
        return KeypointDocument(layout: layout, fps: 30, image: nil, frames: frames)
    }

    @Test func unevenFramesLandOnAnEvenGridAtTheMedianSpacing() throws {
        // Spacings 0.030, 0.036, 0.033, 0.034, 0.033, 0.031, 0.036: median 0.033.
        let times = [0, 0.030, 0.066, 0.099, 0.133, 0.166, 0.197, 0.233]
        let recording = try RecordingBuilder.build(Self.document(times))
        #expect(abs(recording.interval - 0.033) < 1e-12)
        #expect(recording.count == Int((0.233 / 0.033).rounded()) + 1)
        for joint in [Joint.leftHip, .rightKnee, .leftAnkle] {
            for k in 0..<recording.count {
                let expected = Self.position(joint.rawValue, Double(k) * recording.interval)
                #expect(abs(recording.x[joint.rawValue][k] - expected.x) < 1e-9)
                #expect(abs(recording.y[joint.rawValue][k] - expected.y) < 1e-9)
            }
        }
    }

    @Test func shortGapsAreBridgedAndLongOnesLeftEmptyAndReported() throws {
        var times: [Double?] = (0..<90).map { Double($0) / 30 }
        for k in 20..<27 { times[k] = nil }  // 0.27 s between frames 19 and 27: bridged
        for k in 50..<65 { times[k] = nil }  // 0.53 s between frames 49 and 65: reported
        let recording = try RecordingBuilder.build(Self.document(times))
        let knee = recording.x[Joint.leftKnee.rawValue]
        let line = { (k: Int) in Self.position(Joint.leftKnee.rawValue, Double(k) / 30).x }
        #expect((20..<27).allSatisfy { abs(knee[$0] - line($0)) < 1e-9 })
        #expect((50..<65).allSatisfy { knee[$0].isNaN })
        #expect(!knee[49].isNaN && !knee[65].isNaN)
        #expect(recording.missing == [MissingInterval(start: 49.0 / 30, end: 65.0 / 30)])
        #expect(recording.sourceFrameCount == 90)
    }

    @Test func worldLandmarksLandOnTheSameGridAndBridgeTheirOwnGaps() throws {
        let times = [0, 0.030, 0.066, 0.099, 0.133, 0.166, 0.197, 0.233]
        // The frame at 0.099 s carries image keypoints but no landmarks: its world values are bridged.
        let recording = try RecordingBuilder.build(Self.document(times, world: Set(times).subtracting([0.099])))
        let world = try #require(recording.world)
        for joint in [Joint.leftHip, .rightKnee, .leftAnkle] {
            #expect(world.x[joint.rawValue].count == recording.count)
            for k in 0..<recording.count {
                let expected = Self.worldPosition(joint.rawValue, Double(k) * recording.interval)
                let (x, y, z) = world.point(joint, k)
                #expect(abs(x - expected.x) < 1e-9 && abs(y - expected.y) < 1e-9 && abs(z - expected.z) < 1e-9)
            }
        }
    }

    @Test func withoutLandmarksThereAreNoWorldColumns() throws {
        #expect(try RecordingBuilder.build(Self.document([0, 0.033, 0.066])).world == nil)
    }

    @Test func aJointNeverSeenIsMissingThroughout() throws {
        let times: [Double?] = (0..<30).map { Double($0) / 30 }
        let recording = try RecordingBuilder.build(Self.document(times, drop: [.leftAnkle]))
        #expect(recording.x[Joint.leftAnkle.rawValue].allSatisfy { $0.isNaN })
        #expect(recording.missing == [MissingInterval(start: 0, end: 29.0 / 30)])
    }

    @Test func timestampsInTheWrongUnitAreRefused() {
        // Milliseconds written as seconds: a grid at the median spacing would need millions of samples.
        let document = Self.document([0, 0.001, 0.002, 1000])
        #expect {
            try RecordingBuilder.build(document)
        } throws: { error in
            (error as? MotionError)?.code == .timestamps && (error as? MotionError)?.field == "frames[].t"
        }
    }

    @Test func oneFrameIsOneSampleAtTheNominalRate() throws {
        let recording = try RecordingBuilder.build(Self.document([0.5]))
        #expect(recording.count == 1)
        #expect(abs(recording.interval - 1.0 / 30) < 1e-12)
    }
}
