/// The exercises that motion analysis understands, by their catalog ids (`exercises.yaml`; see docs/motion.md).
///
/// Each one decides which signal times its reps and which measures apply.
public enum MotionExercise: String, Sendable, CaseIterable, Codable {
    /// Wall squat: reps, depth, hold, valgus.
    case wallSquat = "wall-squat"
    /// Step-up: reps, valgus, hip drop.
    case stepUp = "step-up"
    /// Straight leg raise: reps, lift angle, knee kept straight, hold.
    case straightLegRaise = "straight-leg-raise"
    /// Heel slide: flexion range, reps.
    case heelSlide = "heel-slide"
    /// Terminal knee extension: extension reached, reps.
    case terminalKneeExtension = "terminal-knee-extension"
    /// Single-leg balance: stance leg, time, sway.
    case singleLegBalance = "single-leg-balance"

    /// The camera view each exercise's main measure needs.
    ///
    /// Flexion-based exercises need a side view; valgus, pelvic drop and side-to-side sway a front view
    /// (docs/motion-sources.md §2).
    public var preferredView: CameraView {
        switch self {
        case .singleLegBalance: .front
        default: .side
        }
    }
}
