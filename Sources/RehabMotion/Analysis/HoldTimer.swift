/// Times holds: how long a signal stays still at its deepest level.
///
/// An in-band timer with a minimum entry time and a tolerance for brief exits (docs/motion-sources.md §2.6). The band
/// sits around the hold's own level, found from the samples near the peak, so a patient who holds short of the
/// prescribed depth still gets an honest hold time.
public struct HoldTimer: Sendable {
    /// Half-width of the band around the hold level, in signal units (3° for angles).
    ///
    /// Narrow enough that slow entry and exit add under 0.1 s at typical speeds, wide enough for filtered jitter.
    public var band = 3.0
    /// Time inside the band before it counts as a hold (§2.6: ≥ 0.3 s).
    public var minimumHoldSeconds = 0.3
    /// Exits shorter than this do not end a hold (§2.6: 0.3–0.5 s).
    public var exitToleranceSeconds = 0.3

    /// Creates a timer with the documented defaults.
    ///
    /// Set `band` for signals that are not in degrees.
    public init() {}

    /// The longest hold in seconds between samples `range`, or 0 when there is none.
    ///
    /// The hold level is the median of the samples within two bands of the window's peak.
    public func longestHold(_ signal: [Double], in range: Range<Int>, interval: Double) -> Double {
        var scratch: [Double] = []
        return longestHold(signal, in: range, interval: interval, scratch: &scratch)
    }

    /// `longestHold` with `scratch` as workspace, so timing every rep of a long set allocates nothing.
    func longestHold(_ signal: [Double], in range: Range<Int>, interval: Double, scratch: inout [Double]) -> Double {
        let peak = Statistics.maximum(signal[range])
        guard peak.isFinite else { return 0 }
        let level = Statistics.quantile(signal, range, 0.5, scratch: &scratch) { $0 >= peak - 2 * band }
        let tolerance = Int((exitToleranceSeconds / interval).rounded())
        var best = 0.0
        var runStart: Double?
        var runEnd = 0.0
        var outside = 0
        for i in range {
            let value = signal[i]
            if value.isNaN { continue }
            if abs(value - level) <= band {
                let time = Double(i) - crossingFraction(signal, i, level: level)
                if runStart == nil { runStart = time }
                runEnd = Double(i) + crossingFraction(signal, i, level: level, forward: true)
                outside = 0
            } else if let start = runStart {
                outside += 1
                if outside > tolerance {
                    best = max(best, (runEnd - start) * interval)
                    runStart = nil
                }
            }
        }
        if let start = runStart { best = max(best, (runEnd - start) * interval) }
        return best >= minimumHoldSeconds ? best : 0
    }

    /// How far (in samples, 0...1) the band edge lies beyond sample `i` toward its neighbour outside the band.
    private func crossingFraction(_ signal: [Double], _ i: Int, level: Double, forward: Bool = false) -> Double {
        let j = forward ? i + 1 : i - 1
        guard signal.indices.contains(j), signal[j].isFinite, abs(signal[j] - level) > band else {
            return forward ? 0 : 0
        }
        let edge = signal[j] > level ? level + band : level - band
        let span = signal[j] - signal[i]
        return span == 0 ? 0 : min(max((edge - signal[i]) / span, 0), 1)
    }
}
