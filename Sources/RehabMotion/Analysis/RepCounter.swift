/// One repetition found in a signal.
///
/// Indices refer to the analysed samples, so callers can read any other signal at the same moments.
public struct Repetition: Sendable, Equatable {
    /// Sample where the movement left the rest position.
    public var start: Int
    /// Sample of the deepest point.
    public var peak: Int
    /// Sample where it was back at rest.
    public var end: Int
    /// The signal at the deepest point.
    public var peakValue: Double
    /// Whether it reached the full-depth threshold; otherwise it is a partial rep.
    public var isFull: Bool
}

/// The reps of a set, full and partial counted apart.
///
/// Partial reps are kept visible rather than dropped, as a clinician wants to see them (docs/motion-sources.md §2.5).
public struct RepCount: Sendable, Equatable {
    /// Every rep in time order.
    public var repetitions: [Repetition]
    /// Reps that reached full depth.
    public var full: Int { repetitions.reduce(0) { $0 + ($1.isFull ? 1 : 0) } }
    /// Reps that moved clearly but stopped short of full depth.
    public var partial: Int { repetitions.count - full }
    /// The patient's rest level (2nd percentile).
    public var low: Double
    /// The patient's own deepest level (98th percentile).
    public var high: Double
}

/// Counts reps with a hysteresis state machine on thresholds relative to the patient's own range.
///
/// Post-operative patients do not reach textbook angles, so thresholds are fractions of the range the patient
/// actually used, with dwell and minimum-duration guards against bouncing (docs/motion-sources.md §2.5).
public struct RepCounter: Sendable {
    /// A rep counts as full when its peak reaches this share of the range (§2.5: 60–70 % of recent max).
    public var fullFraction = 0.65
    /// A movement starts a rep when the signal passes this share of the range.
    public var enterFraction = 0.40
    /// Back at rest below this share of the range (§2.5: 25–30 %).
    public var exitFraction = 0.25
    /// Samples the signal must stay past a threshold before the state changes (§2.5: 2–3 frames).
    public var dwellSamples = 3
    /// Shortest rep in seconds (§2.5: 0.4–0.5 s, `min_rep_time = 0.4 s`).
    public var minimumRepSeconds = 0.4
    /// A range smaller than this (in signal units) is noise, not movement; 10° for angles.
    public var minimumRange = 10.0

    /// Creates a counter with the documented defaults.
    ///
    /// Properties are public for signals in other units (set `minimumRange`).
    public init() {}

    /// Counts reps in a signal that rises during each rep (flip it first if it falls).
    ///
    /// NaN samples neither advance nor reset the state, so short detection gaps do not split a rep.
    public func count(_ signal: [Double], interval: Double) -> RepCount {
        let low = Statistics.quantile(signal, 0.02)
        let high = Statistics.quantile(signal, 0.98)
        var result = RepCount(repetitions: [], low: low, high: high)
        guard high - low >= minimumRange else { return result }
        let range = high - low
        let enter = low + enterFraction * range
        let exit = low + exitFraction * range
        let fullLevel = low + fullFraction * range
        var inRep = false
        var armed = false
        var streak = 0
        var lastRest = 0
        var peak = 0
        for (i, value) in signal.enumerated() where !value.isNaN {
            if !inRep {
                if value <= exit {
                    lastRest = i
                    streak = 0
                    armed = true
                } else if armed && value >= enter {
                    streak += 1
                    if streak >= dwellSamples {
                        inRep = true
                        streak = 0
                        peak = i
                    }
                } else {
                    streak = 0
                }
                continue
            }
            if value > signal[peak] { peak = i }
            if value <= exit {
                streak += 1
                guard streak >= dwellSamples else { continue }
                let end = i - dwellSamples + 1
                if Double(end - lastRest) * interval >= minimumRepSeconds {
                    result.repetitions.append(
                        Repetition(
                            start: lastRest, peak: peak, end: end, peakValue: signal[peak],
                            isFull: signal[peak] >= fullLevel))
                }
                inRep = false
                streak = 0
                lastRest = i
            } else {
                streak = 0
            }
        }
        return result
    }
}
