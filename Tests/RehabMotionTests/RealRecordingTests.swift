import Foundation
import RehabMotion
import Testing

/// A real MediaPipe BlazePose stream: the Sports2D demo clip (a person walking past the camera while another
/// jumps) run through `tools/motion_peer_keypoints.py`. No ground truth; it guards against crashes and nonsense.
@Suite struct RealRecordingTests {
    static func document() throws -> KeypointDocument {
        let url = motionFixtures().appendingPathComponent("sports2d-demo-blazepose33.json")
        return try KeypointDocumentReader.read(try Data(contentsOf: url))
    }

    static func recording() throws -> PoseRecording {
        try RecordingBuilder.build(try document())
    }

    /// The clip's first three seconds, in which the person followed faces the camera and jumps.
    static func jump() throws -> PoseRecording {
        var document = try document()
        document.frames = Array(document.frames.prefix(92))
        return try RecordingBuilder.build(document)
    }

    @Test(arguments: MotionExercise.allCases)
    func analysesARealStreamWithoutNonsense(exercise: MotionExercise) throws {
        let recording = try Self.recording()
        #expect(recording.sourceFrameCount == 230)
        #expect(!recording.is3D)  // MediaPipe's normalised z is not used for angles
        let result = MotionAnalyzer(date: "2026-11-25").analyze(recording, exercise: exercise)
        if let flexion = result.kneeFlexion { #expect(flexion.min >= -30 && flexion.max <= 180) }
        #expect(result.missing.allSatisfy { $0.end > $0.start })
        // A walker is no balance test, squat or leg raise: whatever is reported must still be honest about the view.
        #expect(result.view != .front || result.kneeFlexion == nil)
    }

    /// Whatever exercise the clip (or its jump) is taken for, no valgus lies outside what a knee can do, and any
    /// valgus comes from a leg that bears weight at the deepest moment of every rep it was read on.
    @Test(arguments: MotionExercise.allCases, [false, true])
    func noValgusIsImpossibleOrOnALegThatBearsNoWeight(exercise: MotionExercise, jump: Bool) throws {
        let recording = try jump ? Self.jump() : Self.recording()
        for side in Side.allCases {
            let result = MotionAnalyzer(side: side, date: "2026-11-25").analyze(recording, exercise: exercise)
            for value in [result.valgusDegrees, result.valgusMaxDegrees].compactMap({ $0 }) {
                #expect(abs(value) <= MotionAnalyzer.plausibleValgusDegrees)
            }
            guard result.valgusDegrees != nil else { continue }
            let signals = MotionSignals(recording)
            let bearing = WeightBearing(signals, loading: exercise.loading)
            let leg = signals.legExtension[side]
            let deepest = (0..<leg.count).filter { leg[$0].isFinite }.min { leg[$0] < leg[$1] }
            #expect(deepest.map { bearing.bearsWeight(side, at: $0) } ?? false)
        }
    }

    /// The jump seen from the front, taken for a wall squat: before weight bearing and the plausibility bound, its
    /// right leg read −36° of valgus at the bottom of the jump. Feet that leave the floor carry nothing, so there is
    /// no number now, only the reason.
    @Test func aJumpSeenFromTheFrontHasNoValgus() throws {
        let recording = try Self.jump()
        let result = MotionAnalyzer(side: .right, date: "2026-11-25").analyze(recording, exercise: .wallSquat)
        #expect(result.view == .front)
        #expect(result.valgusDegrees == nil && result.valgusMaxDegrees == nil)
        #expect(result.confidence(of: .valgusDegrees)?.reasons == [.notBearingWeight])
        let signals = MotionSignals(recording)
        let leg = signals.legExtension.right
        let deepest = try #require((0..<leg.count).filter { leg[$0].isFinite }.min { leg[$0] < leg[$1] })
        #expect(abs(signals.frontalProjection.right[deepest]) > MotionAnalyzer.plausibleValgusDegrees)
        #expect(!WeightBearing(signals, loading: .bothLegs).isPlanted(.right, at: deepest))
    }

    /// The walker side on (the last 130 frames): the legs cross and the image angle reaches −70°, which no knee
    /// does. It is withheld with the reason instead of being reported.
    @Test func aKneeBentBackwardsAsNoKneeBendsIsWithheld() throws {
        var document = try Self.document()
        document.frames = Array(document.frames.suffix(130))
        let result = MotionAnalyzer(side: .left, date: "2026-11-25")
            .analyze(try RecordingBuilder.build(document), exercise: .heelSlide)
        #expect(result.view == .side)
        #expect(result.kneeFlexion == nil && result.measurements.isEmpty)
        #expect(result.confidence(of: .kneeFlexion)?.reasons == [.outsideKneeRange])
    }

    @Test func rawSignalsStayInRange() throws {
        let signals = MotionSignals(try Self.recording(), cutoff: nil)
        for side in Side.allCases {
            #expect(signals.kneeFlexion[side].allSatisfy { $0.isNaN || (-180...180).contains($0) })
        }
    }
}
