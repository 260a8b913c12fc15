import Foundation
import RehabMotion
import Testing

/// The synthetic recording committed as `tools/fixtures/motion/synthetic-wall-squat-coco17.json`, shared by the
/// Swift benchmark and the numpy peer so both time the very same samples.
func benchmarkFixtureOptions() -> SyntheticRecording.Options {
    var options = SyntheticRecording.Options()
    options.layout = .coco17
    options.depths = [85, 80, 90, 40, 85]
    options.holdSeconds = 1.5
    options.noisePixels = 3
    options.dropFraction = 0.03
    options.seed = 11
    return options
}

/// The repository's `tools/fixtures/motion` folder, found from this file's path.
func motionFixtures() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tools/fixtures/motion")
}

@Suite struct KeypointDocumentWriterTests {
    @Test(arguments: [true, false], [KeypointLayout.blazepose33, .body25])
    func writtenDocumentsReadBackUnchanged(normalised: Bool, layout: KeypointLayout) throws {
        var options = SyntheticRecording.Options()
        options.normalised = normalised
        options.layout = layout
        options.secondPerson = true
        options.dropFraction = 0.1
        let document = SyntheticRecording(options).document
        let read = try KeypointDocumentReader.read(KeypointDocumentWriter.write(document, digits: 12))
        #expect(read.frames.count == document.frames.count)
        #expect(read.layout == document.layout && read.image == document.image)
        for (a, b) in zip(read.frames, document.frames) {
            #expect((a == nil) == (b == nil))
            guard let a, let b else { continue }
            #expect(a.people.count == b.people.count)
            for (p, q) in zip(a.people.flatMap { $0 }, b.people.flatMap { $0 }) {
                #expect(abs((p?.x ?? 0) - (q?.x ?? 0)) < 1e-9)
            }
        }
    }

    @Test(arguments: [false, true])
    func worldLandmarksReadBackUnchanged(secondPerson: Bool) throws {
        var options = SyntheticRecording.Options()
        options.yawDegrees = 40
        options.secondPerson = secondPerson
        options.noisePixels = 2
        let document = SyntheticRecording(options).document
        let text = KeypointDocumentWriter.write(document, digits: 12)
        #expect(String(decoding: text, as: UTF8.self).contains(secondPerson ? #"{"keypoints":"# : #""world":["#))
        let read = try KeypointDocumentReader.read(text)
        var compared = 0
        for (a, b) in zip(read.frames, document.frames) {
            guard let a, let b else { continue }
            for (p, q) in zip(a.people.flatMap { $0 }, b.people.flatMap { $0 }) {
                #expect((p?.world == nil) == (q?.world == nil))
                guard let p = p?.world, let q = q?.world else { continue }
                #expect(abs(p.x - q.x) < 1e-9 && abs(p.y - q.y) < 1e-9 && abs(p.z - q.z) < 1e-9)
                compared += 1
            }
        }
        #expect(compared >= Joint.count * 700)  // the generator places the canonical joints
    }

    /// Regenerates the shared benchmark fixture with `KNEEREHAB_WRITE_FIXTURES=1`; otherwise checks it is current.
    @Test func benchmarkFixtureIsCurrent() throws {
        let url = motionFixtures().appendingPathComponent("synthetic-wall-squat-coco17.json")
        let data = KeypointDocumentWriter.write(SyntheticRecording(benchmarkFixtureOptions()).document, digits: 4)
        if ProcessInfo.processInfo.environment["KNEEREHAB_WRITE_FIXTURES"] == "1" { try data.write(to: url) }
        #expect(try Data(contentsOf: url) == data)
    }
}
