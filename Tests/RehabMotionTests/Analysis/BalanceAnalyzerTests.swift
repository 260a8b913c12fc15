import Foundation
import RehabMotion
import Testing

@Suite struct BalanceAnalyzerTests {
    static func balance(
        stance: Side = .right, seconds: Double = 10, sway: Double = 0, noise: Double = 0, seed: UInt64 = 1
    ) -> SyntheticRecording.Options {
        var options = noise > 0 ? noisy(.singleLegBalance, seed: seed) : SyntheticRecording.Options()
        options.exercise = .singleLegBalance
        options.side = stance
        options.balanceSeconds = seconds
        options.swayBodyHeights = sway
        options.noisePixels = noise
        return options
    }

    static func signals(_ options: SyntheticRecording.Options) throws -> (MotionSignals, SyntheticRecording) {
        let synthetic = SyntheticRecording(options)
        return (MotionSignals(try RecordingBuilder.build(synthetic.document)), synthetic)
    }

    /// The generator's sway, x(t) = A·(sin 2π·0.4t + ½ sin(2π·1.1t + 1)) body heights, sampled over the trial:
    /// its standard deviation, derived here from the formula rather than from the generator.
    static func swayDeviation(amplitude: Double, from start: Double, seconds: Double) -> Double {
        let xs = stride(from: start, through: start + seconds, by: 1.0 / 30).map {
            amplitude * (sin(2 * .pi * 0.4 * $0) + 0.5 * sin(2 * .pi * 1.1 * $0 + 1))
        }
        let mean = xs.reduce(0, +) / Double(xs.count)
        return (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)).squareRoot()
    }

    @Test(arguments: [Side.left, .right], [3.0, 12.0])
    func findsTheStanceLegAndTimesTheTrial(stance: Side, seconds: Double) throws {
        let (signals, _) = try Self.signals(Self.balance(stance: stance, seconds: seconds, sway: 0.01, noise: 3))
        let trial = try #require(BalanceAnalyzer().analyze(signals))
        #expect(trial.stance == stance)
        #expect(abs(trial.seconds - seconds) < 0.1, "\(trial.seconds) s")
        #expect(trial.touchedDown)
        #expect(trial.samples.upperBound <= signals.count)
    }

    @Test func standingOnTheLiftedLegFindsNoTrial() throws {
        let (signals, _) = try Self.signals(Self.balance(stance: .left))
        #expect(BalanceAnalyzer().analyze(signals, stance: .right) == nil)
        #expect(BalanceAnalyzer().analyze(signals, stance: .left)?.stance == .left)
    }

    @Test func bothFeetDownIsNoTrial() throws {
        var options = SyntheticRecording.Options()
        options.view = .front
        let (signals, _) = try Self.signals(options)
        #expect(BalanceAnalyzer().analyze(signals) == nil)
    }

    @Test func aRecordingThatEndsInTheAirIsTimedToItsEnd() throws {
        var document = SyntheticRecording(Self.balance(seconds: 10)).document
        document.frames = Array(document.frames.prefix(181))  // 6 s: lift-off at 1 s, never down
        let trial = try #require(BalanceAnalyzer().analyze(MotionSignals(try RecordingBuilder.build(document))))
        #expect(!trial.touchedDown)
        #expect(abs(trial.seconds - 5) < 0.15, "\(trial.seconds) s")
    }

    @Test(arguments: [0.005, 0.01, 0.02])
    func noiseFreeSwayMatchesTheGeneratedPath(amplitude: Double) throws {
        let (signals, truth) = try Self.signals(Self.balance(sway: amplitude))
        let sway = try #require(BalanceAnalyzer().analyze(signals)).sway
        let path = try #require(truth.swayPathBodyHeights)
        #expect(abs(sway.pathBodyHeights / path - 1) < 0.05, "\(sway.pathBodyHeights) vs \(path)")
        let deviation = Self.swayDeviation(amplitude: amplitude, from: 1, seconds: 10)
        #expect(abs(sway.horizontalSDBodyHeights / deviation - 1) < 0.05)
        #expect(abs(sway.velocityBodyHeightsPerSecond * 10 / path - 1) < 0.05)
    }

    /// The sway path used to come out about twice the truth: 3 px keypoint jitter that survives a 6 Hz filter adds
    /// about a pixel to every frame's step. Measured on a path filtered at 3 Hz, less the noise's share, it does not.
    @Test(arguments: [UInt64(1), 2, 3])
    func keypointNoiseNoLongerInflatesTheSwayPath(seed: UInt64) throws {
        let (signals, truth) = try Self.signals(Self.balance(sway: 0.01, noise: 3, seed: seed))
        let analyzer = BalanceAnalyzer()
        let trial = try #require(analyzer.analyze(signals))
        let path = try #require(truth.swayPathBodyHeights)
        let ratio = trial.sway.pathBodyHeights / path
        #expect(ratio > 0.8 && ratio < 1.25, "path \(ratio)× the truth")
        let deviation = Self.swayDeviation(amplitude: 0.01, from: 1, seconds: 10)
        #expect(abs(trial.sway.horizontalSDBodyHeights / deviation - 1) < 0.1)
        // The diagnosis, pinned: the same path at 6 Hz with nothing taken back is about twice the truth.
        let plain = analyzer.sway(
            x: signals.centreX, y: signals.centreY, trial.samples, interval: signals.interval,
            height: signals.bodyHeight)
        #expect(plain.pathBodyHeights / path > 1.8)
    }

    @Test func aStillPatientSwaysLittleDespiteNoise() throws {
        let (signals, _) = try Self.signals(Self.balance(sway: 0, noise: 3))
        let sway = try #require(BalanceAnalyzer().analyze(signals)).sway
        // 3 px of jitter on a 600 px body over 10 s; the uncorrected 6 Hz path was about 0.5 body heights.
        #expect(sway.pathBodyHeights < 0.2)
        #expect(sway.horizontalSDBodyHeights < 0.002)
    }

    @Test func swayOfAGivenPathFollowsTheDefinitions() {
        // A 10 px square walked once at one sample per second, body height 100 px.
        let x = [0.0, 10, 10, 0, 0]
        let y = [0.0, 0, 10, 10, 0]
        let sway = BalanceAnalyzer().sway(x: x, y: y, 0..<5, interval: 1, height: 100)
        #expect(abs(sway.pathBodyHeights - 0.4) < 1e-12)
        #expect(abs(sway.velocityBodyHeightsPerSecond - 0.1) < 1e-12)
        // Variances 30 px² on each axis and covariance 5 px² (n − 1 = 4), in body heights.
        #expect(abs(sway.horizontalSDBodyHeights - 30.0.squareRoot() / 100) < 1e-12)
        let determinant = (30.0 * 30 - 5 * 5) / 1e8
        #expect(abs(sway.ellipseAreaBodyHeights2 - .pi * 5.991 * determinant.squareRoot()) < 1e-12)
    }
}
