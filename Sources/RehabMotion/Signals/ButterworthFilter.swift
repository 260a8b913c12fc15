import Foundation

/// A zero-lag low-pass Butterworth filter for whole recordings.
///
/// A 2nd-order section run forward and backward gives the 4th-order zero-lag response that Sports2D, OpenCap and
/// the FreeMoCap balance analysis use, at 6 Hz by default (docs/motion-sources.md §2.4). Only for offline or
/// end-of-set analysis: it needs the whole window.
public struct ButterworthFilter: Sendable {
    /// The default cut-off in Hz (§2.4, Sports2D `cut_off_frequency = 6`).
    public static let defaultCutoff = 6.0

    let b0: Double
    let b1: Double
    let b2: Double
    let a1: Double
    let a2: Double
    /// False when the cut-off is at or above Nyquist, where the filter passes everything.
    let active: Bool
    let padding: Int

    /// Designs the filter for a sampling rate.
    ///
    /// Bilinear transform with pre-warping, the standard `butter(2, fc)` design.
    public init(cutoff: Double = defaultCutoff, sampleRate: Double) {
        active = cutoff > 0 && cutoff < sampleRate / 2
        let k = tan(Double.pi * min(cutoff, sampleRate * 0.49) / sampleRate)
        let norm = 1 / (1 + 2.0.squareRoot() * k + k * k)
        b0 = k * k * norm
        b1 = 2 * b0
        b2 = b0
        a1 = 2 * (k * k - 1) * norm
        a2 = (1 - 2.0.squareRoot() * k + k * k) * norm
        // Odd-extension padding of about three cut-off periods tames the edges (like scipy's filtfilt padding).
        padding = max(9, Int((3 * sampleRate / max(cutoff, 1e-9)).rounded(.up)))
    }

    /// The filtered copy of a signal; NaN samples split it into runs that are filtered separately.
    ///
    /// Filtering across a gap would smear invented values into real ones (§2.4: interpolate first, then filter).
    public func filtered(_ signal: [Double]) -> [Double] {
        var output = signal
        var scratch: [Double] = []
        filter(&output, scratch: &scratch)
        return output
    }

    /// How much white noise of unit deviation is left after filtering: in each sample, and in each step between two.
    ///
    /// The root sum of squares of the impulse response (and of its differences), so a measure built on a filtered
    /// path can take back the noise's share.
    func noiseGain() -> (sample: Double, step: Double) {
        guard active else { return (1, 2.0.squareRoot()) }
        var impulse = [Double](repeating: 0, count: 16 * padding + 1)
        impulse[8 * padding] = 1
        let response = filtered(impulse)
        var sample = 0.0
        var step = 0.0
        for i in response.indices {
            sample += response[i] * response[i]
            if i > 0 { step += (response[i] - response[i - 1]) * (response[i] - response[i - 1]) }
        }
        return (sample.squareRoot(), step.squareRoot())
    }

    /// Filters a signal in place, with `scratch` holding the padding at the end of each run.
    ///
    /// Lets one recording's many signals share a single small workspace instead of allocating two arrays each.
    func filter(_ signal: inout [Double], scratch: inout [Double]) {
        guard active else { return }
        signal.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                guard !buffer[start].isNaN else {
                    start += 1
                    continue
                }
                var end = start
                while end < buffer.count, !buffer[end].isNaN { end += 1 }
                filterRun(UnsafeMutableBufferPointer(rebasing: buffer[start..<end]), tail: &scratch)
                start = end
            }
        }
    }

    /// Forward then backward over one NaN-free run, padded at both ends by its odd extension.
    ///
    /// The run is filtered in place; only the trailing padding needs storage, because the backward pass starts
    /// from it, while the leading padding only warms the forward pass up and its backward outputs are never used.
    private func filterRun(_ data: UnsafeMutableBufferPointer<Double>, tail: inout [Double]) {
        let n = data.count
        guard n >= 3 else { return }
        let pad = min(padding, n - 1)
        let first = data[0]
        let last = data[n - 1]
        tail.removeAll(keepingCapacity: true)
        for k in 0..<pad { tail.append(2 * last - data[n - 2 - k]) }
        var forward = Section(self, steadyAt: 2 * first - data[pad])
        for k in 0..<pad { _ = forward.step(2 * first - data[pad - k]) }
        for i in 0..<n { data[i] = forward.step(data[i]) }
        for k in 0..<pad { tail[k] = forward.step(tail[k]) }
        var backward = Section(self, steadyAt: tail[pad - 1])
        for k in stride(from: pad - 1, through: 0, by: -1) { _ = backward.step(tail[k]) }
        for i in stride(from: n - 1, through: 0, by: -1) { data[i] = backward.step(data[i]) }
    }

    /// One second-order section in direct form I, started in steady state.
    ///
    /// Direct form I keeps one multiply and one subtraction on the sample-to-sample dependency chain (the
    /// transposed form has four), which is most of the filter's speed on long recordings.
    private struct Section {
        let b0: Double
        let b1: Double
        let b2: Double
        let a1: Double
        let a2: Double
        var x1: Double
        var x2: Double
        var y1: Double
        var y2: Double

        /// As if the input had always been `value` (the filter's DC gain is 1, so the output has too).
        init(_ filter: ButterworthFilter, steadyAt value: Double) {
            (b0, b1, b2, a1, a2) = (filter.b0, filter.b1, filter.b2, filter.a1, filter.a2)
            (x1, x2, y1, y2) = (value, value, value, value)
        }

        @inline(__always)
        mutating func step(_ x: Double) -> Double {
            let feed = b0 * x + b1 * x1 + b2 * x2 - a2 * y2
            let y = feed - a1 * y1
            x2 = x1
            x1 = x
            y2 = y1
            y1 = y
            return y
        }
    }
}
