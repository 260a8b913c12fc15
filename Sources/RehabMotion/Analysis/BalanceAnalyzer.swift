import Foundation

/// Sway of the centre-of-mass proxy during a balance trial, normalised to body height.
///
/// The classic COP-style measures on the mid-hip path (docs/motion-sources.md §2.7); dividing by body height makes
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

    /// Creates sway measures.
    ///
    /// Plain memberwise initialiser, public for callers that build results.
    public init(
        pathBodyHeights: Double, velocityBodyHeightsPerSecond: Double, ellipseAreaBodyHeights2: Double,
        horizontalSDBodyHeights: Double
    ) {
        self.pathBodyHeights = pathBodyHeights
        self.velocityBodyHeightsPerSecond = velocityBodyHeightsPerSecond
        self.ellipseAreaBodyHeights2 = ellipseAreaBodyHeights2
        self.horizontalSDBodyHeights = horizontalSDBodyHeights
    }
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
    /// Low-pass cut-off in Hz for the centre-of-mass path that sway is measured on.
    ///
    /// Heuristic, below the 6 Hz used for angles: the body's centre of mass moves as an inverted pendulum and sways
    /// mostly below 1–2 Hz, which a zero-lag 3 Hz filter keeps (gain 0.99 at 1 Hz, 0.84 at 2 Hz), while keypoint
    /// jitter that survives a 6 Hz filter doubled the path of a 3 px-noise recording.
    public var swayCutoff = 3.0
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
            sway: trialSway(signals, samples, height: height))
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

    /// Sway of the mid-hip path during a trial: filtered at `swayCutoff`, less what keypoint noise adds.
    ///
    /// Path length and spread both grow with noise: every step between samples gains the noise's variance, and so
    /// does every coordinate's spread. The noise is measured on the raw path itself (the spread of its second
    /// differences, which smooth motion barely has at video rates) and carried through the filter's impulse response,
    /// so each squared step and each variance can give it back.
    func trialSway(_ signals: MotionSignals, _ samples: Range<Int>, height: Double) -> Sway {
        let rawX = MotionSignals.midpoint(signals.hipX.left, signals.hipX.right)
        let rawY = MotionSignals.midpoint(signals.hipY.left, signals.hipY.right)
        let filter = ButterworthFilter(cutoff: swayCutoff, sampleRate: 1 / signals.interval)
        let gain = filter.noiseGain()
        let noiseX = Self.noiseDeviation(rawX, samples)
        let noiseY = Self.noiseDeviation(rawY, samples)
        let noise = PathNoise(
            sampleX: noiseX * gain.sample, sampleY: noiseY * gain.sample, stepX: noiseX * gain.step,
            stepY: noiseY * gain.step)
        return sway(
            x: filter.filtered(rawX), y: filter.filtered(rawY), samples, interval: signals.interval, height: height,
            noise: noise)
    }

    /// The standard deviation of white noise on a signal, from the median absolute second difference.
    ///
    /// A second difference of white noise has variance 6σ²; a median (scaled by 1.4826 for a normal distribution)
    /// ignores the few large values that real motion or a glitch produces.
    static func noiseDeviation(_ signal: [Double], _ samples: Range<Int>) -> Double {
        var differences: [Double] = []
        differences.reserveCapacity(samples.count)
        for i in samples.dropFirst().dropLast() {
            let value = signal[i - 1] - 2 * signal[i] + signal[i + 1]
            if value.isFinite { differences.append(abs(value)) }
        }
        let median = Statistics.quantile(differences, 0.5)
        return median.isFinite ? 1.4826 * median / 6.0.squareRoot() : 0
    }

    /// Sway measures of the mid-hip path over a range of samples.
    ///
    /// The plain measures of the path as given; see `trialSway` for the noise correction used in analysis.
    public func sway(x: [Double], y: [Double], _ samples: Range<Int>, interval: Double, height: Double) -> Sway {
        sway(x: x, y: y, samples, interval: interval, height: height, noise: PathNoise())
    }

    /// Sway measures with the noise's share of every squared step and every variance taken back out.
    func sway(
        x: [Double], y: [Double], _ samples: Range<Int>, interval: Double, height: Double, noise: PathNoise
    ) -> Sway {
        let stepNoise = noise.stepX * noise.stepX + noise.stepY * noise.stepY
        var path = 0.0
        var previous: (Double, Double)?
        var points: [(Double, Double)] = []
        for i in samples where x[i].isFinite && y[i].isFinite {
            if let previous {
                let dx = x[i] - previous.0
                let dy = y[i] - previous.1
                path += max(dx * dx + dy * dy - stepNoise, 0).squareRoot()
            }
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
        let varianceX = max(sxx / denominator - noise.sampleX * noise.sampleX / (height * height), 0)
        let varianceY = max(syy / denominator - noise.sampleY * noise.sampleY / (height * height), 0)
        let covariance = sxy / denominator
        let determinant = max(varianceX * varianceY - covariance * covariance, 0)
        return Sway(
            pathBodyHeights: path / height, velocityBodyHeightsPerSecond: path / height / duration,
            ellipseAreaBodyHeights2: Double.pi * Self.chiSquare95 * determinant.squareRoot(),
            horizontalSDBodyHeights: varianceX.squareRoot())
    }
}

/// Keypoint noise left in a filtered path, per axis, in the path's units: in each sample and in each step.
struct PathNoise {
    var sampleX = 0.0
    var sampleY = 0.0
    var stepX = 0.0
    var stepY = 0.0
}
