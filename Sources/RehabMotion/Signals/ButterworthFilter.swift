import Foundation

/// A zero-lag low-pass Butterworth filter for whole recordings.
///
/// A 2nd-order section run forward and backward gives the 4th-order zero-lag response that Sports2D, OpenCap and
/// the FreeMoCap balance analysis use, at 6 Hz by default (MOTION-ANALYSIS.md §2.4). Only for offline or
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
        guard active else { return signal }
        var output = signal
        var scratch: [Double] = []
        var start = 0
        while start < signal.count {
            guard !signal[start].isNaN else {
                start += 1
                continue
            }
            var end = start
            while end < signal.count, !signal[end].isNaN { end += 1 }
            filterRun(&output, start..<end, scratch: &scratch)
            start = end
        }
        return output
    }

    private func filterRun(_ data: inout [Double], _ range: Range<Int>, scratch: inout [Double]) {
        let n = range.count
        guard n >= 3 else { return }
        let pad = min(padding, n - 1)
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(n + 2 * pad)
        let first = data[range.lowerBound]
        let last = data[range.upperBound - 1]
        for i in stride(from: pad, to: 0, by: -1) { scratch.append(2 * first - data[range.lowerBound + i]) }
        scratch.append(contentsOf: data[range])
        for i in 1...pad { scratch.append(2 * last - data[range.upperBound - 1 - i]) }
        scratch.withUnsafeMutableBufferPointer { buffer in
            pass(buffer, reversed: false)
            pass(buffer, reversed: true)
        }
        for i in 0..<n { data[range.lowerBound + i] = scratch[pad + i] }
    }

    /// One direct-form-II-transposed pass, started in steady state at the first sample.
    @inline(__always)
    private func pass(_ buffer: UnsafeMutableBufferPointer<Double>, reversed: Bool) {
        let n = buffer.count
        let x0 = reversed ? buffer[n - 1] : buffer[0]
        var s1 = (1 - b0) * x0
        var s2 = (b2 - a2) * x0
        for j in 0..<n {
            let i = reversed ? n - 1 - j : j
            let x = buffer[i]
            let y = b0 * x + s1
            s1 = b1 * x - a1 * y + s2
            s2 = b2 * x - a2 * y
            buffer[i] = y
        }
    }
}
