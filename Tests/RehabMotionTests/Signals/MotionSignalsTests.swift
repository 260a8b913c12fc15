import Foundation
import RehabMotion
import Testing

@Suite struct MotionSignalsTests {
    /// Root-mean-square error of the measured knee flexion against the generator's exact angle; `world` measures it
    /// on the world landmarks.
    static func flexionRMS(_ options: SyntheticRecording.Options, world: Bool = false) throws -> Double {
        let synthetic = SyntheticRecording(options)
        let recording = try RecordingBuilder.build(synthetic.document)
        let signals = MotionSignals(recording)
        let measured = try world ? #require(signals.world).kneeFlexion[options.side] : signals.kneeFlexion[options.side]
        let start = synthetic.times[0]
        var sum = 0.0
        var count = 0
        for (k, value) in measured.enumerated() where value.isFinite {
            let t = start + Double(k) * recording.interval
            let index = synthetic.times.firstIndex { abs($0 - t) < recording.interval / 2 } ?? 0
            let truth = synthetic.kneeFlexion[options.side][index]
            sum += (value - truth) * (value - truth)
            count += 1
        }
        return (sum / Double(count)).squareRoot()
    }

    @Test(arguments: [MotionExercise.wallSquat, .heelSlide, .terminalKneeExtension], [Side.left, .right])
    func kneeFlexionErrorIsUnderTwoDegreesRMSOnNoisyData(exercise: MotionExercise, side: Side) throws {
        var options = noisy(exercise)
        options.side = side
        options.timestampJitter = 0
        let rms = try Self.flexionRMS(options)
        #expect(rms < 2, "RMS \(rms)°")
    }

    @Test func depthGivesThreeDimensionalFlexionFromTheFront() throws {
        var options = SyntheticRecording.Options()
        options.view = .front
        options.depth = true
        options.normalised = false
        options.noisePixels = 1
        #expect(try Self.flexionRMS(options) < 2)
    }

    @Test(arguments: [CameraView.side, .front])
    func viewIsRecognised(view: CameraView) throws {
        var options = noisy(.wallSquat)
        options.view = view
        let recording = try RecordingBuilder.build(SyntheticRecording(options).document)
        #expect(CameraView.classify(recording) == view)
    }

    @Test func bodyHeightIsEstimatedFromTheSegments() throws {
        let synthetic = SyntheticRecording(SyntheticRecording.Options())
        let signals = MotionSignals(try RecordingBuilder.build(synthetic.document))
        #expect(abs(signals.bodyHeight / synthetic.bodyHeight - 1) < 0.1)
    }
}
