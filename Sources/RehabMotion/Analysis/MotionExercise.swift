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

    /// The camera view each exercise's own measures need.
    ///
    /// Flexion-based exercises need a side view; valgus, pelvic drop and side-to-side sway a front view
    /// (docs/motion-sources.md §2, §2.9). The step-up's measures beyond its reps are valgus and hip drop, so it wants
    /// the front; the wall squat's are depth and hold, so it wants the side (its valgus then needs a second recording).
    public var preferredView: CameraView {
        switch self {
        case .singleLegBalance, .stepUp: .front
        default: .side
        }
    }

    /// Which legs carry the body while the exercise is done.
    ///
    /// Valgus and pelvic drop are read only on a leg that bears weight (docs/motion-sources.md §2.9).
    public enum Loading: Sendable {
        /// Both feet stay on the floor (wall squat, terminal knee extension).
        case bothLegs
        /// One leg stands, the other is free (step-up, single-leg balance).
        case oneLeg
        /// Lying down: neither leg carries the body (straight leg raise, heel slide).
        case lying
    }

    /// The exercise's loading.
    public var loading: Loading {
        switch self {
        case .wallSquat, .terminalKneeExtension: .bothLegs
        case .stepUp, .singleLegBalance: .oneLeg
        case .straightLegRaise, .heelSlide: .lying
        }
    }
}
