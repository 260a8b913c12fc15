import Foundation

/// The One Euro filter (Casiez, Roussel & Vogel, CHI 2012) for live, frame-by-frame smoothing.
///
/// It adapts its cut-off to speed, so a still knee is smoothed hard while a moving one keeps about one frame of lag,
/// which a live rep counter needs and a zero-lag Butterworth cannot give (docs/motion-sources.md §2.4).
public struct OneEuroFilter: Sendable {
    /// Minimum cut-off in Hz; lower is smoother.
    public var minCutoff: Double
    /// Speed coefficient; raise it when fast motion lags.
    public var beta: Double
    /// Cut-off in Hz for the derivative (1 Hz in the paper and Sports2D).
    public var derivativeCutoff: Double

    private var previousValue: Double?
    private var previousDerivative = 0.0
    private var previousTime = 0.0

    /// Creates a filter; the defaults are Sports2D's one-euro defaults (§2.4: 4 Hz, beta 1.5, 1 Hz).
    ///
    /// The conformance vectors of the reference implementation use 1.0, 0.1 and 1.0.
    public init(minCutoff: Double = 4, beta: Double = 1.5, derivativeCutoff: Double = 1) {
        self.minCutoff = minCutoff
        self.beta = beta
        self.derivativeCutoff = derivativeCutoff
    }

    @inline(__always)
    private static func alpha(cutoff: Double, interval: Double) -> Double {
        let tau = 1 / (2 * Double.pi * cutoff)
        return 1 / (1 + tau / interval)
    }

    /// Feeds one sample taken at `time` seconds and returns the smoothed value.
    ///
    /// A NaN sample is passed through without disturbing the state, so a missed joint does not poison later frames.
    @inline(__always)
    public mutating func filter(_ value: Double, at time: Double) -> Double {
        guard !value.isNaN else { return value }
        guard let previous = previousValue else {
            previousValue = value
            previousTime = time
            return value
        }
        let interval = time > previousTime ? time - previousTime : 1e-3
        let derivative = (value - previous) / interval
        let derivativeAlpha = Self.alpha(cutoff: derivativeCutoff, interval: interval)
        let smoothedDerivative = previousDerivative + derivativeAlpha * (derivative - previousDerivative)
        let cutoff = minCutoff + beta * abs(smoothedDerivative)
        let result = previous + Self.alpha(cutoff: cutoff, interval: interval) * (value - previous)
        previousValue = result
        previousDerivative = smoothedDerivative
        previousTime = time
        return result
    }
}
