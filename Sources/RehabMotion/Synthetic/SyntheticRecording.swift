import Foundation

/// A generated keypoint recording with its exact ground truth.
///
/// Real pose streams have no ground truth, so accuracy goals (reps exact, flexion < 2° RMS, hold within 0.2 s,
/// balance within 0.1 s) are checked on these; tests, the benchmark and the numpy peer's fixtures share it.
public struct SyntheticRecording: Sendable {
    /// What to generate. Every field has a default that makes a clean 30 fps recording.
    ///
    /// Public so tests and the benchmark can vary one thing at a time.
    public struct Options: Sendable {
        /// The exercise to perform.
        public var exercise: MotionExercise = .wallSquat
        /// The exercised leg (the stance leg for balance and step-up).
        public var side: Side = .left
        /// Camera view; nil picks the exercise's natural one. Ignored when `yawDegrees` is set.
        public var view: CameraView?
        /// Draw the body in 3D turned this many degrees from facing the camera (0 = front, 90 = side on) instead of
        /// the flat `view` drawing; nil keeps the flat drawing.
        public var yawDegrees: Double?
        /// With `yawDegrees`: write world landmarks (metres from the hip centre, y down) beside the keypoints.
        public var world = true
        /// Step-up and balance: the free leg swings sideways, away from the midline and back, by this many degrees
        /// at 1 Hz.
        public var freeLegSwingDegrees = 0.0
        /// The estimator layout to write.
        public var layout: KeypointLayout = .blazepose33
        /// Frames per second.
        public var fps = 30.0
        /// Peak of each rep: knee flexion, hip flexion (leg raise) or extension travel (terminal extension).
        public var depths: [Double] = Array(repeating: 80, count: 5)
        /// Seconds to move between rest and peak.
        public var rampSeconds = 1.0
        /// Seconds held at the peak of each rep.
        public var holdSeconds = 2.0
        /// Seconds at rest before the first rep and after each.
        public var restSeconds = 1.0
        /// Valgus (FPPA) at the peak, degrees.
        public var valgusDegrees = 0.0
        /// Drop of the swing-side hip at the peak (step-up), degrees.
        public var hipDropDegrees = 0.0
        /// Knee bend kept at the top of a leg raise (extensor lag), or extension deficit for terminal extension.
        public var kneeBendDegrees = 0.0
        /// Single-leg balance: seconds from lift-off to touch-down.
        public var balanceSeconds = 10.0
        /// Sway amplitude of the body above the ankles, in body heights.
        public var swayBodyHeights = 0.0
        /// Gaussian noise on every coordinate, in pixels.
        public var noisePixels = 0.0
        /// Share of frames dropped (written as null).
        public var dropFraction = 0.0
        /// Timestamp jitter as a share of the frame interval.
        public var timestampJitter = 0.0
        /// Add a second person who moves differently, sometimes listed first.
        public var secondPerson = false
        /// Write the frames as a mirrored selfie camera would (x flipped, left/right labels swapped).
        public var mirrored = false
        /// Write normalised coordinates with an image size (true) or pixels (false).
        public var normalised = true
        /// Write confidences as logits instead of probabilities.
        public var logits = false
        /// Write depth (z) as well; it is used for 3D angles only with pixel coordinates (`normalised = false`).
        public var depth = false
        /// Random seed.
        public var seed: UInt64 = 1

        /// Creates options with the defaults.
        ///
        /// Change fields afterwards.
        public init() {}
    }

    /// The document an estimator would have written.
    public var document: KeypointDocument
    /// Exact time of each generated frame (dropped ones included).
    public var times: [Double]
    /// Exact knee flexion per frame and side.
    public var kneeFlexion: Bilateral<[Double]>
    /// Exact hip flexion of the exercised leg per frame.
    public var hipFlexion: [Double]
    /// Number of reps generated, and how many of them reach 65 % of the deepest one (full reps).
    public var fullReps: Int
    /// Reps that stop short of 65 % of the deepest one.
    public var partialReps: Int
    /// Exact balance time in seconds.
    public var balanceSeconds: Double?
    /// Exact sway path of the mid-hip during the balance trial, in body heights.
    public var swayPathBodyHeights: Double?
    /// Body height in pixels.
    public var bodyHeight: Double

    /// Image size used for every recording.
    public static let image = ImageSize(width: 1280, height: 720)

    /// Generates a recording.
    ///
    /// Deterministic for given options.
    public init(_ options: Options) {
        self = SyntheticGenerator(options).generate()
    }

    init(
        document: KeypointDocument, times: [Double], kneeFlexion: Bilateral<[Double]>, hipFlexion: [Double],
        fullReps: Int, partialReps: Int, balanceSeconds: Double?, swayPathBodyHeights: Double?, bodyHeight: Double
    ) {
        self.document = document
        self.times = times
        self.kneeFlexion = kneeFlexion
        self.hipFlexion = hipFlexion
        self.fullReps = fullReps
        self.partialReps = partialReps
        self.balanceSeconds = balanceSeconds
        self.swayPathBodyHeights = swayPathBodyHeights
        self.bodyHeight = bodyHeight
    }
}
