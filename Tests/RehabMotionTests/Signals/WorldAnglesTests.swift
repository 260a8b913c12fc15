import Foundation
import RehabMotion
import Testing

@Suite struct WorldAnglesTests {
    /// 3D angles on the world landmarks do not shrink with the view: within 2.5° RMS of the truth at any yaw (the
    /// image angle's 2°, plus the noise of the third axis).
    @Test(arguments: [MotionExercise.wallSquat, .heelSlide], [0.0, 45, 90])
    func worldKneeFlexionIsTheTrueAngleFromAnyYaw(exercise: MotionExercise, yaw: Double) throws {
        var options = noisy(exercise)
        options.timestampJitter = 0
        options.yawDegrees = yaw
        let rms = try MotionSignalsTests.flexionRMS(options, world: true)
        #expect(rms < 2.5, "RMS \(rms)°")
    }

    @Test func worldHipFlexionFollowsTheLegRaise() throws {
        var options = SyntheticRecording.Options()
        options.exercise = .straightLegRaise
        options.depths = [50]
        options.yawDegrees = 50
        let synthetic = SyntheticRecording(options)
        let hip = try #require(MotionSignals(try RecordingBuilder.build(synthetic.document)).world).hipFlexion.left
        #expect(abs(Statistics.maximum(hip) - 50) < 1.5)
    }

    /// Noise around a straight knee scatters around 0°: signed like the image angle, it does not pile up above it.
    @Test func aStraightKneeReadsZeroOnTheWorldLandmarks() throws {
        var options = noisy(.wallSquat)
        options.yawDegrees = 45
        let recording = try RecordingBuilder.build(SyntheticRecording(options).document)
        let flexion = try #require(MotionSignals(recording).world).kneeFlexion.left
        let rest = Statistics.quantile(Array(flexion[0..<30]), 0.5)  // the first second, before the first rep
        #expect(abs(rest) < 1, "rest reads \(rest)°")
    }

    @Test func withoutWorldLandmarksThereAreNoWorldAngles() throws {
        #expect(MotionSignals(try RecordingBuilder.build(SyntheticRecording(noisy(.wallSquat)).document)).world == nil)
    }
}
