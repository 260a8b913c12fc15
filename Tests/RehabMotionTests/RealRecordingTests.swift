import Foundation
import RehabMotion
import Testing

/// A real MediaPipe BlazePose stream: the Sports2D demo clip (a person walking past the camera while another
/// jumps) run through `tools/motion_peer_keypoints.py`. No ground truth; it guards against crashes and nonsense.
@Suite struct RealRecordingTests {
    static func recording() throws -> PoseRecording {
        let url = motionFixtures().appendingPathComponent("sports2d-demo-blazepose33.json")
        return try RecordingBuilder.build(try KeypointDocumentReader.read(try Data(contentsOf: url)))
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

    @Test func rawSignalsStayInRange() throws {
        let signals = MotionSignals(try Self.recording(), cutoff: nil)
        for side in Side.allCases {
            #expect(signals.kneeFlexion[side].allSatisfy { $0.isNaN || (-180...180).contains($0) })
        }
    }
}
