/// The flexion signal a view supports, and how far to trust it.
///
/// A side view shows a bend in the image plane as it is (docs/motion-sources.md §2.1). Any other view foreshortens
/// it, so the angle then comes from 3D — the world landmarks, or depth given with pixel coordinates — and is
/// reported as less certain, because one camera lifts depth rather than measuring it; with no 3D it is withheld
/// (§2.9). A signal whose straightest or deepest plateau lies outside what the joint can do is withheld too.
struct SagittalReading {
    /// The signal to report, or nil when the view or the tracking cannot support one.
    let signal: [Double]?
    /// The statement that goes with it.
    let confidence: MeasureConfidence

    /// Chooses between the image angle and the world angle of one measure.
    ///
    /// `image` is the image-plane angle, in 3D already when `imageIsLifted` (depth given with pixel coordinates);
    /// `world` the same angle on the world landmarks, when the recording has them; `plausible` the range the joint
    /// can reach, nil for no check.
    init(
        _ measure: ConfidenceMeasure, view: CameraView, image: [Double], imageIsLifted: Bool, world: [Double]?,
        plausible: ClosedRange<Double>? = nil
    ) {
        let chosen: (signal: [Double], confidence: MeasureConfidence)
        if view == .side {
            chosen = (image, .normal(measure, [.seen(.side)]))
        } else if let world {
            chosen = (world, .low(measure, [.seen(view), .liftedDepth]))
        } else if imageIsLifted {
            chosen = (image, .low(measure, [.seen(view), .liftedDepth]))
        } else {
            signal = nil
            confidence = .withheld(measure, [.needs(.side, for: measure, seen: view)])
            return
        }
        if let plausible, !Self.stays(chosen.signal, within: plausible) {
            signal = nil
            confidence = .withheld(measure, [.outsideKneeRange])
            return
        }
        signal = chosen.signal
        confidence = chosen.confidence
    }

    /// Whether the signal's lowest and highest plateaus (the levels reported as its range) lie within `range`.
    static func stays(_ signal: [Double], within range: ClosedRange<Double>) -> Bool {
        let (low, high) = (Statistics.trough(signal), Statistics.crest(signal))
        return !(low < range.lowerBound || high > range.upperBound)
    }
}
