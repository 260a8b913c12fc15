import Foundation
import RehabMotion
import Testing

@Suite struct RecordingBuilderTests {
    static func result(_ options: SyntheticRecording.Options) throws -> MotionResult {
        let recording = try RecordingBuilder.build(SyntheticRecording(options).document)
        return MotionAnalyzer(side: options.side, date: "2026-11-25").analyze(recording, exercise: options.exercise)
    }

    @Test(arguments: MotionExercise.allCases)
    func mirroredVideoGivesTheSameResult(exercise: MotionExercise) throws {
        var options = noisy(exercise)
        options.side = .right
        options.hipDropDegrees = 6
        options.valgusDegrees = 8
        let plain = try Self.result(options)
        options.mirrored = true
        let mirrored = try Self.result(options)
        #expect(mirrored.side == plain.side)
        #expect(mirrored.reps == plain.reps && mirrored.balanceSeconds == plain.balanceSeconds)
        #expect(abs((mirrored.hipDropDegrees ?? 0) - (plain.hipDropDegrees ?? 0)) < 1e-6)
        #expect(abs((mirrored.valgusDegrees ?? 0) - (plain.valgusDegrees ?? 0)) < 1e-6)
    }

    @Test(arguments: [false, true])
    func logitsAndPixelsReadLikeProbabilitiesAndNormalisedCoordinates(variant: Bool) throws {
        var options = noisy(.wallSquat)
        let reference = try Self.result(options)
        if variant { options.logits = true } else { options.normalised = false }
        let other = try Self.result(options)
        #expect(other.reps == reference.reps)
        #expect(abs((other.kneeFlexion?.max ?? 0) - (reference.kneeFlexion?.max ?? 0)) < 0.01)
    }

    @Test func followsThePatientWhenASecondPersonIsListedFirst() throws {
        var options = noisy(.wallSquat)
        options.secondPerson = true
        let (result, truth) = try analyse(options)
        #expect(result.reps == truth.fullReps)
        #expect(abs((result.kneeFlexion?.max ?? 0) - 80) < 2)
    }

    /// World landmarks ride with their keypoints: the tracker's choice of person and dropped frames leave the 3D
    /// knee angle on the patient's true angle (2.5° RMS: 3 px of noise on three axes).
    @Test func worldLandmarksFollowTheTrackedPersonAndTheGrid() throws {
        var options = noisy(.wallSquat)
        options.yawDegrees = 45
        options.secondPerson = true
        options.timestampJitter = 0  // so each grid sample has one true angle to compare with
        let synthetic = SyntheticRecording(options)
        let recording = try RecordingBuilder.build(synthetic.document)
        let world = try #require(recording.world)
        #expect(world.x.allSatisfy { $0.count == recording.count })
        let flexion = try #require(MotionSignals(recording).world).kneeFlexion[.left]
        var squared = 0.0
        var count = 0
        for (k, value) in flexion.enumerated() where value.isFinite {
            let t = synthetic.times[0] + Double(k) * recording.interval
            let index = synthetic.times.firstIndex { abs($0 - t) < recording.interval / 2 } ?? 0
            squared += (value - synthetic.kneeFlexion.left[index]) * (value - synthetic.kneeFlexion.left[index])
            count += 1
        }
        #expect(count > recording.count * 9 / 10)
        #expect((squared / Double(count)).squareRoot() < 2.5)
    }

    @Test func mirroredVideoKeepsTheWorldFrameOfThePatient() throws {
        var options = SyntheticRecording.Options()
        options.yawDegrees = 30
        let plain = try #require(try RecordingBuilder.build(SyntheticRecording(options).document).world)
        options.mirrored = true
        let mirrored = try #require(try RecordingBuilder.build(SyntheticRecording(options).document).world)
        for joint in Joint.allCases {
            for k in stride(from: 0, to: plain.x[0].count, by: 13) {
                let (a, b) = (plain.point(joint, k), mirrored.point(joint, k))
                #expect(abs(a.0 - b.0) < 1e-9 && abs(a.1 - b.1) < 1e-9 && abs(a.2 - b.2) < 1e-9)
            }
        }
        #expect(plain.x[Joint.leftHip.rawValue][0] > 0)  // the patient's left hip is on image right, as filmed
    }

    @Test func lowConfidenceJointsAreDropped() throws {
        var document = SyntheticRecording(noisy(.wallSquat)).document
        let knee = try #require(KeypointLayout.blazepose33.index(of: .leftKnee))
        for index in document.frames.indices where index.isMultiple(of: 2) {
            document.frames[index]?.people[0][knee]?.confidence = 0.1
            document.frames[index]?.people[0][knee]?.x = 0.99
        }
        let recording = try RecordingBuilder.build(document)
        let flexion = MotionSignals(recording).kneeFlexion[.left]
        #expect(Statistics.maximum(flexion) < 95)
    }

    @Test func longGapsAreReportedAndShortOnesBridged() throws {
        var document = SyntheticRecording(SyntheticRecording.Options()).document
        for index in 100..<130 { document.frames[index] = nil }  // 1 s
        for index in 200..<205 { document.frames[index] = nil }  // 0.17 s
        let recording = try RecordingBuilder.build(document)
        #expect(recording.missing.count == 1)
        let gap = try #require(recording.missing.first)
        #expect(abs(gap.start - 99.0 / 30) < 1e-6 && abs(gap.end - 130.0 / 30) < 1e-6)
        #expect(!recording.x[Joint.leftKnee.rawValue][202].isNaN)
        #expect(recording.x[Joint.leftKnee.rawValue][115].isNaN)
    }

    @Test(arguments: [
        ([0.0, 0.1, 0.1], "frames[2].t", MotionError.Code.timestamps),
        ([0.0, 0.2, 0.1], "frames[2].t", .timestamps),
    ])
    func timestampsOutOfOrderNameTheFrame(times: [Double], field: String, code: MotionError.Code) {
        var document = SyntheticRecording(SyntheticRecording.Options()).document
        for (index, time) in times.enumerated() { document.frames[index]?.time = time }
        #expect {
            try RecordingBuilder.build(document)
        } throws: { error in
            (error as? MotionError)?.field == field && (error as? MotionError)?.code == code
        }
    }

    @Test func allEmptyFramesAreNotEnoughData() {
        let document = KeypointDocument(
            layout: .coco17, fps: 30, image: nil, frames: [nil, RawFrame(time: 0.1, people: []), nil])
        #expect {
            try RecordingBuilder.build(document)
        } throws: { error in
            (error as? MotionError)?.code == .notEnoughData
        }
    }

    @Test func wrongJointCountForTheLayoutNamesThePerson() {
        var document = SyntheticRecording(SyntheticRecording.Options()).document
        document.layout = .coco17
        #expect {
            try RecordingBuilder.build(document)
        } throws: { error in
            (error as? MotionError)?.field == "frames[0].people[0]"
        }
    }

    @Test func nanCoordinatesCountAsMissing() throws {
        var document = SyntheticRecording(SyntheticRecording.Options()).document
        document.frames[3]?.people[0][25]?.x = .nan
        let recording = try RecordingBuilder.build(document)
        #expect(!recording.x[Joint.leftKnee.rawValue][3].isNaN)  // bridged from its neighbours
    }

    @Test func oneFrameGivesNotEnoughData() throws {
        var document = SyntheticRecording(SyntheticRecording.Options()).document
        document.frames = [document.frames[0]]
        let recording = try RecordingBuilder.build(document)
        let result = MotionAnalyzer(date: "2026-11-25").analyze(recording, exercise: .heelSlide)
        #expect(result.status == "not-enough-data")
    }
}
