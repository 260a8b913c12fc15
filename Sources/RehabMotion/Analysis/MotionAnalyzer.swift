import Foundation

/// Measures one exercise recording: reps, angles, holds, valgus, hip drop, balance.
///
/// The single entry point the command line, the API and the benchmark share; it never throws, and returns a
/// `not-enough-data` result when the recording cannot support a measurement.
public struct MotionAnalyzer: Sendable {
    /// The leg to analyse; nil picks the leg that moves most (or the stance leg for balance).
    public var side: Side?
    /// The patient's height in centimetres, to turn sway into centimetres.
    public var heightCm: Double?
    /// Date stamped on the patient-record measurements (`YYYY-MM-DD`), injected because the core never reads clocks.
    public var date: String
    /// Butterworth cut-off in Hz (docs/motion-sources.md §2.4: 6 Hz).
    public var cutoff = ButterworthFilter.defaultCutoff

    /// Fewest usable samples worth analysing.
    public static let minimumSamples = 10
    /// Share of samples where the analysed leg must be visible.
    public static let minimumCoverage = 0.5
    /// Knee flexion at the top of a straight leg raise still counted as straight (§2.5: ≤ about 5–10°).
    public static let straightKneeDegrees = 10.0
    /// A leg is "straight" for the standing baseline when hip–ankle distance is this share of thigh plus shank.
    static let standingExtension = 0.95
    /// The largest valgus or varus (degrees of frontal plane projection angle) a knee can show; beyond it the view or
    /// the tracking is off and the value is withheld.
    ///
    /// The highest group in the sources reads 21.7 ± 3.6° (women with patellofemoral pain landing on one leg), whose
    /// mean plus two deviations is about 29° (docs/motion-sources.md §2.2, §2.9); 30° either way keeps a margin.
    public static let plausibleValgusDegrees = 30.0
    /// The knee flexion a knee can reach, in degrees; a range reaching outside it is withheld.
    ///
    /// Healthy knees run from about −5° (a little hyperextension) to about 140°, and more than 15° of hyperextension
    /// in stance already counts as severe recurvatum (docs/motion-sources.md §2.9); 10–20° of margin either way.
    public static let plausibleFlexionDegrees = -25.0...160.0

    /// Creates an analyzer.
    ///
    /// `date` has no default on purpose: the caller owns the clock.
    public init(side: Side? = nil, heightCm: Double? = nil, date: String) {
        self.side = side
        self.heightCm = heightCm
        self.date = date
    }

    /// Analyses a recording for one exercise.
    ///
    /// Everything is computed once (`MotionSignals`); the exercise then reads what it needs.
    public func analyze(_ recording: PoseRecording, exercise: MotionExercise) -> MotionResult {
        var result = MotionResult(
            exercise: exercise, side: side ?? .left, frames: recording.sourceFrameCount,
            durationSeconds: recording.duration)
        result.missing = recording.missing
        guard recording.count >= Self.minimumSamples else {
            return notEnough(result, "fewer than \(Self.minimumSamples) usable frames")
        }
        let signals = MotionSignals(recording, cutoff: cutoff)
        let judgement = CameraView.judge(recording)
        result.view = judgement.view
        result.viewYawDegrees = judgement.yawDegrees
        let chosen = side ?? Self.busiestSide(signals, exercise: exercise)
        result.side = chosen
        let coverage = Self.coverage(signals.kneeFlexion[chosen])
        guard coverage >= Self.minimumCoverage else {
            return notEnough(
                result,
                "the \(chosen.rawValue) hip, knee and ankle are visible in only \(Int(coverage * 100))% of frames")
        }
        if recording.is3D {
            result.notes.append("knee flexion measured in 3D; single-camera depth is estimated, not measured")
        }
        switch exercise {
        case .wallSquat, .stepUp, .heelSlide, .terminalKneeExtension:
            analyzeKneeExercise(&result, signals, recording: recording)
        case .straightLegRaise:
            analyzeLegRaise(&result, signals, recording: recording)
        case .singleLegBalance:
            analyzeBalance(&result, signals)
        }
        if !recording.missing.isEmpty {
            let seconds = recording.missing.map { $0.end - $0.start }.reduce(0, +)
            result.notes.append(String(format: "%.1f s of the recording had joints missing for too long", seconds))
        }
        return result
    }

    private func notEnough(_ result: MotionResult, _ reason: String) -> MotionResult {
        var copy = result
        copy.status = "not-enough-data"
        copy.reason = reason
        return copy
    }

    /// Share of non-NaN samples.
    static func coverage(_ signal: [Double]) -> Double {
        guard !signal.isEmpty else { return 0 }
        var seen = 0
        for value in signal where !value.isNaN { seen += 1 }
        return Double(seen) / Double(signal.count)
    }

    /// The leg whose main signal has the widest range among legs that are visible enough.
    static func busiestSide(_ signals: MotionSignals, exercise: MotionExercise) -> Side {
        if exercise == .singleLegBalance, let trial = BalanceAnalyzer().analyze(signals) { return trial.stance }
        let main = exercise == .straightLegRaise ? signals.hipFlexion : signals.kneeFlexion
        let scored = Side.allCases.map { side -> (Side, Double) in
            let signal = main[side]
            guard coverage(signal) >= minimumCoverage else { return (side, -1) }
            return (side, Statistics.quantile(signal, 0.98) - Statistics.quantile(signal, 0.02))
        }
        return scored[1].1 > scored[0].1 ? .right : .left
    }

    /// Median of the finite values.
    static func median(_ values: [Double]) -> Double? {
        let value = Statistics.quantile(values, 0.5)
        return value.isFinite ? value : nil
    }

    /// Samples where both legs are straight and the ankles level: the standing baseline.
    static func standingSamples(_ signals: MotionSignals, before limit: Int? = nil) -> [Int] {
        let end = min(limit ?? signals.count, signals.count)
        let left = signals.legExtension[.left]
        let right = signals.legExtension[.right]
        let leftAnkle = signals.ankleY[.left]
        let rightAnkle = signals.ankleY[.right]
        let level = 0.02 * signals.bodyHeight
        return (0..<end).filter {
            left[$0] >= standingExtension && right[$0] >= standingExtension
                && abs(leftAnkle[$0] - rightAnkle[$0]) <= level
        }
    }

    /// Pelvic drop on the side opposite `stance` and trunk lean, both beyond the standing baseline (§2.3), over the
    /// samples of `during` in which `bearing` finds the stance leg loaded; front view only (§2.9).
    func frontalPelvis(
        _ result: inout MotionResult, _ signals: MotionSignals, stance: Side, bearing: WeightBearing, during: [Int],
        before: Int?
    ) {
        guard result.view == .front else {
            result.state(.withheld(.hipDropDegrees, [.needs(.front, for: .hipDropDegrees, seen: result.view)]))
            return
        }
        let baselineSamples = Self.standingSamples(signals, before: before)
        guard baselineSamples.count >= 3, !during.isEmpty else {
            result.state(.withheld(.hipDropDegrees, [.noStandingBaseline]))
            return
        }
        let loaded = during.filter { bearing.bearsWeight(stance, at: $0) }
        guard !loaded.isEmpty else {
            result.state(.withheld(.hipDropDegrees, [.notBearingWeight]))
            return
        }
        let pelvisBaseline = Statistics.quantile(baselineSamples.map { signals.pelvisTilt[$0] }, 0.5)
        let trunkBaseline = Statistics.quantile(baselineSamples.map { signals.trunkTilt[$0] }, 0.5)
        // pelvisTilt is positive when the right hip is lower; the swing side is the one that may drop.
        let sign: Double = stance.opposite == .right ? 1 : -1
        let drops = loaded.map { sign * (signals.pelvisTilt[$0] - pelvisBaseline) }
        let leans = loaded.map { abs(signals.trunkTilt[$0] - trunkBaseline) }
        // Medians over the moments of interest: a 98th percentile would report noise, not drop (§2.3).
        let drop = Statistics.quantile(drops, 0.5)
        guard drop.isFinite else { return }
        result.hipDropDegrees = drop
        let lean = Statistics.quantile(leans, 0.5)
        if lean.isFinite { result.trunkLeanDegrees = lean }
        result.state(.normal(.hipDropDegrees, [.seen(.front)]))
    }
}
