import Foundation

/// The smallest and largest value of a measure.
///
/// The contract's `kneeFlexion: {min, max}`.
public struct ValueRange: Sendable, Equatable, Codable {
    /// Smallest value.
    public var min: Double
    /// Largest value.
    public var max: Double

    /// Creates a range.
    ///
    /// Plain memberwise initialiser, public for callers that build results (tests, the web upload).
    public init(min: Double, max: Double) {
        self.min = min
        self.max = max
    }
}

/// A measure withheld, or reported as less certain, because the recording cannot fully support it, with the reason.
///
/// Honesty about the camera (issue 5, item 4): a missing number with a reason beats a wrong one. Each entry is the
/// short form of a `MeasureConfidence` that is not normal; whether the number is there tells withheld from low.
public struct LowConfidence: Sendable, Equatable, Codable {
    /// The result field, e.g. `valgusDegrees`.
    public var measure: String
    /// Why, in plain words.
    public var reason: String

    /// Creates an entry.
    ///
    /// Plain memberwise initialiser, public for callers that build results.
    public init(measure: String, reason: String) {
        self.measure = measure
        self.reason = reason
    }
}

/// A measurement in the patient-record shape (`Measurement` in `Sources/RehabWeb/Resources/openapi.json`), ready to
/// append to `measurements` (docs/motion.md, "Adding the result to a patient record").
///
/// Lets a recording feed the phase gates without hand copying, e.g. heel-slide flexion into the flexion gate.
public struct RecordMeasurement: Sendable, Equatable, Codable {
    /// ISO date `YYYY-MM-DD`.
    public var date: String
    /// `knee-flexion`, `knee-extension`, `single-leg-balance` or `extensor-lag`.
    public var kind: String
    /// The measured leg.
    public var side: Side
    /// Degrees, or seconds for balance; rounded to whole units as a clinician would record them.
    public var value: Double

    /// Creates a measurement.
    ///
    /// Plain memberwise initialiser, public for callers that build results.
    public init(date: String, kind: String, side: Side, value: Double) {
        self.date = date
        self.kind = kind
        self.side = side
        self.value = value
    }
}

/// The sway measures plus centimetres when the body height is known.
///
/// Body-height units are always there; centimetres need the patient's height.
public struct SwayReport: Sendable, Equatable, Codable {
    /// The normalised sway.
    public var normalised: Sway
    /// Path length in centimetres, when the body height in centimetres was given.
    public var pathCm: Double?

    /// Creates a report.
    ///
    /// Plain memberwise initialiser, public for callers that build results.
    public init(normalised: Sway, pathCm: Double?) {
        self.normalised = normalised
        self.pathCm = pathCm
    }
}

/// What motion analysis found in one recording (docs/motion.md, "Result (JSON)").
///
/// Fields that do not apply to the exercise, or that the recording cannot support, are absent; withheld ones are
/// listed in `lowConfidence` with a reason.
public struct MotionResult: Sendable, Equatable, Codable {
    /// The exercise id.
    public var exercise: MotionExercise
    /// The analysed leg.
    public var side: Side
    /// `ok`, or `not-enough-data` with `reason`.
    public var status: String = "ok"
    /// Why there is no result, when `status` is `not-enough-data`.
    public var reason: String?
    /// Frames in the file.
    public var frames: Int
    /// Seconds from first to last usable frame.
    public var durationSeconds: Double
    /// The camera view judged from the keypoints.
    public var view: CameraView = .unknown
    /// The body's median yaw to the camera in degrees (0 = facing it or turned away, 90 = side on), when world
    /// landmarks gave the view; absent when it was judged from image widths.
    public var viewYawDegrees: Double?
    /// Full reps.
    public var reps: Int?
    /// Reps that stopped short of the patient's full depth.
    public var partialReps: Int?
    /// Knee flexion range in degrees.
    public var kneeFlexion: ValueRange?
    /// Deepest knee flexion in degrees (wall squat depth).
    public var depthDegrees: Double?
    /// Longest continuous hold in seconds.
    public var holdSeconds: Double?
    /// Hold of each rep in seconds.
    public var holdsSeconds: [Double]?
    /// Median frontal plane projection angle at peak flexion, positive for valgus.
    public var valgusDegrees: Double?
    /// Largest frontal plane projection angle at peak flexion.
    public var valgusMaxDegrees: Double?
    /// Contralateral pelvic drop beyond the standing baseline (median at rep peaks, or over the balance trial).
    public var hipDropDegrees: Double?
    /// Lateral trunk lean beyond the standing baseline (median of its size at the same moments).
    public var trunkLeanDegrees: Double?
    /// Straight leg raise: median peak hip flexion of the reps.
    public var liftDegrees: Double?
    /// Straight leg raise: median knee flexion at the top of the lift (the extensor lag).
    public var kneeBendDegrees: Double?
    /// Straight leg raise: whether the knee stayed within `MotionAnalyzer.straightKneeDegrees`.
    public var kneeStraight: Bool?
    /// Terminal knee extension: the smallest flexion reached (0 is full extension; positive is a deficit, negative
    /// hyperextension).
    public var extensionDegrees: Double?
    /// Single-leg balance: the leg stood on.
    public var stanceSide: Side?
    /// Single-leg balance: seconds until the lifted foot touched down.
    public var balanceSeconds: Double?
    /// Single-leg balance: whether the foot came down before the recording ended.
    public var touchedDown: Bool?
    /// Single-leg balance: sway of the centre-of-mass proxy.
    public var sway: SwayReport?
    /// Single-leg balance: sway path in centimetres (when the body height was given).
    public var swayCm: Double?
    /// Gaps too long to bridge.
    public var missing: [MissingInterval] = []
    /// Measures withheld or reported as less certain, with reasons (the short form of `confidence`).
    public var lowConfidence: [LowConfidence] = []
    /// The confidence statement of each measure the exercise has: normal, low or withheld, with reasons.
    public var confidence: [MeasureConfidence] = []
    /// Cautions that do not withhold a measure.
    public var notes: [String] = []
    /// The result as patient-record measurements.
    public var measurements: [RecordMeasurement] = []
    /// Left–right comparison, when a second recording was given.
    public var symmetry: LimbSymmetry?

    /// Creates a result with the always-present fields.
    ///
    /// The analyzer fills in the rest.
    public init(exercise: MotionExercise, side: Side, frames: Int, durationSeconds: Double) {
        self.exercise = exercise
        self.side = side
        self.frames = frames
        self.durationSeconds = durationSeconds
    }

    /// Records a measure's confidence, and lists it under `lowConfidence` unless it is normal.
    ///
    /// The one way the analysis states confidence, so the two lists never disagree.
    public mutating func state(_ statement: MeasureConfidence) {
        confidence.append(statement)
        if let entry = statement.lowConfidence { lowConfidence.append(entry) }
    }

    /// The confidence statement of a measure, if the analysis made one.
    public func confidence(of measure: ConfidenceMeasure) -> MeasureConfidence? {
        confidence.first { $0.measure == measure }
    }

    /// The result as compact or pretty JSON with sorted keys, numbers rounded as in `rounded()`.
    ///
    /// One encoder for the command line and the API keeps their output identical.
    public func json(pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(rounded())
    }

    /// A copy with every number rounded to one decimal (angles and centimetres) or three (seconds), as reported.
    public func rounded() -> MotionResult {
        var copy = self
        let r1 = { (v: Double) in (v * 10).rounded() / 10 }
        let r3 = { (v: Double) in (v * 1000).rounded() / 1000 }
        copy.durationSeconds = r3(durationSeconds)
        copy.viewYawDegrees = viewYawDegrees.map(r1)
        copy.kneeFlexion = kneeFlexion.map { ValueRange(min: r1($0.min), max: r1($0.max)) }
        copy.depthDegrees = depthDegrees.map(r1)
        copy.holdSeconds = holdSeconds.map(r3)
        copy.holdsSeconds = holdsSeconds?.map(r3)
        copy.valgusDegrees = valgusDegrees.map(r1)
        copy.valgusMaxDegrees = valgusMaxDegrees.map(r1)
        copy.hipDropDegrees = hipDropDegrees.map(r1)
        copy.trunkLeanDegrees = trunkLeanDegrees.map(r1)
        copy.liftDegrees = liftDegrees.map(r1)
        copy.kneeBendDegrees = kneeBendDegrees.map(r1)
        copy.extensionDegrees = extensionDegrees.map(r1)
        copy.balanceSeconds = balanceSeconds.map(r3)
        copy.swayCm = swayCm.map(r1)
        copy.missing = missing.map { MissingInterval(start: r3($0.start), end: r3($0.end)) }
        return copy
    }
}
