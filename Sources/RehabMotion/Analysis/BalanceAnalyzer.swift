import Foundation

/// Sway of the centre-of-mass proxy during a balance trial, normalised to body height.
///
/// The classic COP-style measures on the mid-hip path (MOTION-ANALYSIS.md §2.7); dividing by body height makes
/// pixels comparable across cameras and distances.
public struct Sway: Sendable, Equatable, Codable {
    /// Path length in body heights.
    public var pathBodyHeights: Double
    /// Mean speed in body heights per second.
    public var velocityBodyHeightsPerSecond: Double
    /// Area of the 95 % confidence ellipse in square body heights.
    public var ellipseAreaBodyHeights2: Double
    /// Standard deviation of the horizontal image coordinate, in body heights.
    public var horizontalSDBodyHeights: Double
}

/// The outcome of a single-leg balance recording.
///
/// Time is measured from lift-off to touch-down of the lifted foot, the usual failure event of the timed test.
public struct BalanceTrial: Sendable, Equatable {
    /// The leg the patient stood on.
    public var stance: Side
    /// Seconds from lift-off to touch-down (or to the end of the recording if it never came down).
    public var seconds: Double
    /// Whether the foot came down before the recording ended.
    public var touchedDown: Bool
    /// Sample range of the trial.
    public var samples: Range<Int>
    /// Sway during the trial.
    public var sway: Sway
}

/// Finds the stance leg, the balance time and the sway of a single-leg balance recording.
///
/// Uses the height of the lifted ankle over the stance ankle (§2.7: "the lifted foot touches down: its ankle height
/// returns to the stance-foot level").
public struct BalanceAnalyzer: Sendable {
    /// The lifted ankle must rise this far (body heights) above the stance ankle to start a trial.
    ///
    /// About 7 cm for an adult: clear of noise, well under a normal foot lift.
    public var liftThreshold = 0.04
    /// Below this height (body heights) the foot counts as on the floor.
    ///
    /// About 2 cm: the rising edge between here and the lift threshold is extrapolated to zero height.
    public var groundLevel = 0.012
    /// χ² quantile with 2 degrees of freedom for a 95 % ellipse.
    static let chiSquare95 = 5.991

    /// Creates an analyzer with the documented defaults.
    ///
    /// Thresholds are public for research use.
    public init() {}

    /// The longest trial in the recording, or nil when no foot was lifted.
    ///
    /// `stance` forces the stance leg; nil detects it as the leg whose ankle stays lower.
    public func analyze(_ signals: MotionSignals, stance: Side? = nil) -> BalanceTrial? {
        let height = signals.bodyHeight
        guard height.isFinite, height > 0 else { return nil }
        let left = signals.ankleY.left
        let right = signals.ankleY.right
        // y grows downwards: the stance ankle has the larger y.
        let detected: Side = Statistics.quantile(zip(left, right).map { $0 - $1 }, 0.5) >= 0 ? .left : .right
        let standing = stance ?? detected
        let stanceY = standing == .left ? left : right
        let liftedY = standing == .left ? right : left
        let lift = zip(stanceY, liftedY).map { ($0 - $1) / height }
        var best: (Range<Int>, Bool)?
        var i = 0
        while i < lift.count {
            guard lift[i] >= liftThreshold else {
                i += 1
                continue
            }
            // A long detection gap (NaN) ends the trial: time the patient was not seen is not counted.
            var start = i
            while start > 0, lift[start - 1] > groundLevel { start -= 1 }
            var end = i
            while end < lift.count, lift[end] > groundLevel { end += 1 }
            let touched = end < lift.count && lift[end].isFinite
            if (best.map { $0.0.count } ?? 0) < end - start { best = (start..<end, touched) }
            i = end + 1
        }
        guard let (samples, touched) = best else { return nil }
        let seconds = timeBetweenCrossings(lift, samples, interval: signals.interval)
        return BalanceTrial(
            stance: standing, seconds: seconds, touchedDown: touched, samples: samples,
            sway: sway(x: signals.centreX, y: signals.centreY, samples, interval: signals.interval, height: height))
    }

    /// Seconds from lift-off to touch-down: where a straight line fitted to the foot's rise (and fall) meets zero
    /// height. Noise hides the first centimetres of a lift, so timing at a threshold alone would cut both ends
    /// short; a least-squares line over the whole rising edge averages the noise out.
    private func timeBetweenCrossings(_ lift: [Double], _ samples: Range<Int>, interval: Double) -> Double {
        guard let peak = samples.filter({ lift[$0].isFinite }).max(by: { lift[$0] < lift[$1] }) else { return 0 }
        let top = min(0.8 * lift[peak], 2 * liftThreshold)
        func edge(step: Int) -> Double? {
            // Find the floor next to the peak, then take the edge from there up to `top`.
            var i = peak
            while i >= 0, i < lift.count, lift[i] > groundLevel { i += step }
            guard i >= 0, i < lift.count, lift[i].isFinite else { return nil }
            var points: [(Double, Double)] = [(Double(i), lift[i])]
            var j = i - step
            while j != peak, lift[j].isNaN || lift[j] <= top {
                if lift[j].isFinite { points.append((Double(j), lift[j])) }
                j -= step
            }
            guard points.count >= 2 else { return Double(i) }
            let n = Double(points.count)
            let mx = points.map(\.0).reduce(0, +) / n
            let my = points.map(\.1).reduce(0, +) / n
            let sxy = points.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
            let sxx = points.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
            guard sxx > 0, sxy != 0 else { return Double(i) }
            return mx - my * sxx / sxy
        }
        let start = edge(step: -1) ?? Double(samples.lowerBound)
        let end = edge(step: 1) ?? Double(samples.upperBound - 1)
        return (end - start) * interval
    }

    /// Sway measures of the mid-hip path over a range of samples.
    public func sway(x: [Double], y: [Double], _ samples: Range<Int>, interval: Double, height: Double) -> Sway {
        var path = 0.0
        var previous: (Double, Double)?
        var points: [(Double, Double)] = []
        for i in samples where x[i].isFinite && y[i].isFinite {
            if let previous { path += JointAngles.distance(previous.0, previous.1, x[i], y[i]) }
            previous = (x[i], y[i])
            points.append((x[i] / height, y[i] / height))
        }
        let duration = Double(max(samples.count - 1, 1)) * interval
        let n = Double(max(points.count, 1))
        let mx = points.reduce(0) { $0 + $1.0 } / n
        let my = points.reduce(0) { $0 + $1.1 } / n
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for point in points {
            sxx += (point.0 - mx) * (point.0 - mx)
            syy += (point.1 - my) * (point.1 - my)
            sxy += (point.0 - mx) * (point.1 - my)
        }
        let denominator = max(n - 1, 1)
        let determinant = max((sxx / denominator) * (syy / denominator) - (sxy / denominator) * (sxy / denominator), 0)
        return Sway(
            pathBodyHeights: path / height, velocityBodyHeightsPerSecond: path / height / duration,
            ellipseAreaBodyHeights2: Double.pi * Self.chiSquare95 * determinant.squareRoot(),
            horizontalSDBodyHeights: (sxx / denominator).squareRoot())
    }
}
