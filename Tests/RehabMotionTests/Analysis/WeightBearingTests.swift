import Foundation
import RehabMotion
import Testing

@Suite struct WeightBearingTests {
    static func signals(_ options: SyntheticRecording.Options) throws -> MotionSignals {
        MotionSignals(try RecordingBuilder.build(SyntheticRecording(options).document))
    }

    /// In a bilateral squat both feet stay planted and level: both legs bear weight throughout, noise and all.
    @Test func bothLegsOfASquatBearWeight() throws {
        var options = noisy(.wallSquat)
        options.view = .front
        let signals = try Self.signals(options)
        let bearing = WeightBearing(signals, loading: .bothLegs)
        #expect(bearing.stanceLeg == nil)
        for side in Side.allCases {
            let share =
                Double((0..<signals.count).filter { bearing.bearsWeight(side, at: $0) }.count) / Double(signals.count)
            #expect(share > 0.95, "\(side): \(share)")
        }
    }

    /// In a single-leg exercise the stance leg is the one whose ankle strays least; the free leg never bears weight,
    /// whether it hangs still at the bottom of each rep or swings.
    @Test(arguments: [Side.left, .right], [0.0, 20.0])
    func onlyTheStanceLegOfASingleLegExerciseBearsWeight(stance: Side, swing: Double) throws {
        var options = noisy(.stepUp)
        options.side = stance
        options.freeLegSwingDegrees = swing
        let signals = try Self.signals(options)
        let bearing = WeightBearing(signals, loading: .oneLeg)
        #expect(bearing.stanceLeg == stance)
        #expect((0..<signals.count).allSatisfy { !bearing.bearsWeight(stance.opposite, at: $0) })
        let share =
            Double((0..<signals.count).filter { bearing.bearsWeight(stance, at: $0) }.count) / Double(signals.count)
        #expect(share > 0.95, "stance bears weight in \(share)")
    }

    @Test func aSwingingFootIsNotPlanted() throws {
        var options = noisy(.stepUp)
        options.side = .left
        options.freeLegSwingDegrees = 20
        let signals = try Self.signals(options)
        let bearing = WeightBearing(signals, loading: .oneLeg)
        // While the foot is up (each rep's hold), the swing moves it far more than a planted foot wanders.
        let holds = (0..<signals.count).filter { signals.legExtension.right[$0] < 0.97 }
        #expect(!holds.isEmpty && holds.allSatisfy { !bearing.isPlanted(.right, at: $0) })
    }

    /// A foot held up above the other does not carry the body of a bilateral exercise.
    @Test func aRaisedFootDoesNotBearWeightInABilateralExercise() throws {
        var options = noisy(.singleLegBalance)
        options.side = .left
        let signals = try Self.signals(options)
        let bearing = WeightBearing(signals, loading: .bothLegs)
        let lifted = (0..<signals.count).filter { bearing.isRaised(.right, at: $0) }
        #expect(lifted.count > signals.count / 3)
        #expect(lifted.allSatisfy { !bearing.bearsWeight(.right, at: $0) && bearing.bearsWeight(.left, at: $0) })
    }

    @Test func aStanceFoundElsewhereIsKept() throws {
        let signals = try Self.signals(noisy(.singleLegBalance))
        #expect(WeightBearing(signals, loading: .oneLeg, stance: .right).stanceLeg == .right)
    }

    @Test func lyingDownNeitherLegBearsWeight() throws {
        let signals = try Self.signals(noisy(.heelSlide))
        let bearing = WeightBearing(signals, loading: .lying)
        #expect(
            (0..<signals.count).allSatisfy {
                !bearing.bearsWeight(.left, at: $0) && !bearing.bearsWeight(.right, at: $0)
            })
    }

    @Test func anUnseenAnkleIsNotPlanted() throws {
        var options = noisy(.wallSquat)
        options.dropFraction = 0
        var document = SyntheticRecording(options).document
        let ankle = try #require(KeypointLayout.blazepose33.index(of: .leftAnkle))
        for index in document.frames.indices { document.frames[index]?.people[0][ankle] = nil }
        let signals = MotionSignals(try RecordingBuilder.build(document))
        #expect(!WeightBearing(signals, loading: .bothLegs).isPlanted(.left, at: 100))
    }
}
