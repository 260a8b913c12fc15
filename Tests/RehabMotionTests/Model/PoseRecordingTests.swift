import Foundation
import RehabMotion
import Testing

@Suite struct PoseRecordingTests {
    static func ramp(_ count: Int, depth: Bool = false) -> PoseRecording {
        let column = (0..<count).map(Double.init)
        let columns = [[Double]](repeating: column, count: Joint.count)
        return PoseRecording(
            interval: 0.04, x: columns, y: columns, z: depth ? columns : nil,
            missing: [MissingInterval(start: 0.1, end: 0.5)])
    }

    @Test func sizeAndDurationFollowTheGrid() {
        let recording = Self.ramp(26)
        #expect(recording.count == 26)
        #expect(abs(recording.duration - 1) < 1e-12)
        #expect(recording.sourceFrameCount == 26)
        #expect(!recording.is3D && Self.ramp(3, depth: true).is3D)
        #expect(PoseRecording(interval: 0.1, x: [], y: [], z: nil).duration == 0)
    }

    @Test(arguments: [1, 3, 50])
    func repeatingTilesEveryColumnEndToEnd(times: Int) throws {
        let recording = Self.ramp(7, depth: true)
        let tiled = recording.repeated(times)
        #expect(tiled.count == 7 * times && tiled.sourceFrameCount == 7 * times)
        #expect(tiled.interval == recording.interval && tiled.missing == recording.missing)
        let depth = try #require(tiled.z)
        for joint in [0, Joint.count - 1] {
            #expect(tiled.x[joint] == Array([[Double]](repeating: recording.x[joint], count: times).joined()))
            #expect(depth[joint][7 * times - 1] == 6)
        }
    }

    @Test func repeatingTilesTheWorldColumnsToo() throws {
        var recording = Self.ramp(4)
        let column = [[Double]](repeating: [0.1, 0.2, 0.3, 0.4], count: Joint.count)
        recording.world = WorldColumns(x: column, y: column, z: column)
        let world = try #require(recording.repeated(3).world)
        #expect(world.z[Joint.rightAnkle.rawValue] == [0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3, 0.4])
        #expect(Self.ramp(4).repeated(2).world == nil)
    }

    @Test func repeatingNoTimesKeepsOneCopy() {
        #expect(Self.ramp(5).repeated(0).count == 5)
    }
}
