import Foundation

/// Small robust statistics over signals that may hold NaN.
///
/// Percentiles rather than extremes keep one bad frame from setting a patient's range.
public enum Statistics {
    /// Quantiles of longer inputs are taken on an even subsample of this many values.
    ///
    /// Ranges, baselines and body size need robustness, not every sample; sorting a whole hour of samples would be
    /// most of the analysis time (docs/motion-sources.md §5 budget).
    public static let quantileSampleLimit = 8192

    /// The q-quantile (0...1) of the finite values, linearly interpolated; NaN when there are none.
    ///
    /// Used for ranges, baselines and body size; see `quantileSampleLimit` for long inputs.
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        let stride = max(1, values.count / quantileSampleLimit)
        var sample: [Double] = []
        sample.reserveCapacity(values.count / stride + 1)
        for index in Swift.stride(from: 0, to: values.count, by: stride) where values[index].isFinite {
            sample.append(values[index])
        }
        return sample.withUnsafeMutableBufferPointer { select(q, of: $0) }
    }

    /// The q-quantile of the finite values among `value(0)`, …, `value(count − 1)`, computing only the ones sampled.
    ///
    /// Equal to `quantile((0..<count).map(value), q)`: segment lengths and body size over an hour of frames need a
    /// few thousand samples, not an array of millions.
    static func quantile(count: Int, _ q: Double, value: (Int) -> Double) -> Double {
        let stride = max(1, count / quantileSampleLimit)
        var sample: [Double] = []
        sample.reserveCapacity(count / stride + 1)
        for index in Swift.stride(from: 0, to: count, by: stride) {
            let v = value(index)
            if v.isFinite { sample.append(v) }
        }
        return sample.withUnsafeMutableBufferPointer { select(q, of: $0) }
    }

    /// The q-quantile of the finite values of `values[range]` that pass `keep`, with `scratch` as workspace.
    ///
    /// Equal to `quantile(values[range].filter(keep), q)`; reusing one scratch array across a set's reps keeps the
    /// per-rep statistics free of allocation (the analysis runs at millions of frames per second).
    static func quantile(
        _ values: [Double], _ range: Range<Int>, _ q: Double, scratch: inout [Double], keep: (Double) -> Bool
    ) -> Double {
        scratch.removeAll(keepingCapacity: true)
        for index in range where values[index].isFinite && keep(values[index]) { scratch.append(values[index]) }
        let stride = max(1, scratch.count / quantileSampleLimit)
        if stride > 1 {
            var kept = 0
            for index in Swift.stride(from: 0, to: scratch.count, by: stride) {
                scratch[kept] = scratch[index]
                kept += 1
            }
            scratch.removeLast(scratch.count - kept)
        }
        return scratch.withUnsafeMutableBufferPointer { select(q, of: $0) }
    }

    /// The q-quantile of a buffer of finite values, linearly interpolated, found by selection; reorders the buffer.
    ///
    /// Gives exactly what sorting would (`sorted[k] · (1 − w) + sorted[k + 1] · w`) in linear time and without the
    /// temporary storage of a sort.
    static func select(_ q: Double, of buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        let count = buffer.count
        guard count > 0 else { return .nan }
        let position = min(max(q, 0), 1) * Double(count - 1)
        let lower = Int(position)
        let weight = position - Double(lower)
        let low = nthSmallest(lower, in: buffer)
        guard lower + 1 < count else { return low * (1 - weight) + low * weight }
        // After selection every value past `lower` is at least `low`; the next order statistic is their minimum.
        var next = buffer[lower + 1]
        for index in (lower + 1)..<count where buffer[index] < next { next = buffer[index] }
        return low * (1 - weight) + next * weight
    }

    /// Hoare's selection: the k-th smallest value, with smaller values before it and larger ones after.
    private static func nthSmallest(_ k: Int, in buffer: UnsafeMutableBufferPointer<Double>) -> Double {
        var low = 0
        var high = buffer.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            let (a, b, c) = (buffer[low], buffer[middle], buffer[high])
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = low
            var j = high
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while buffer[j] > pivot { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return buffer[k]
            }
        }
        return buffer[k]
    }

    /// The mean of the finite values; NaN when there are none.
    ///
    /// The mean of the finite values only, so gaps do not bias it.
    public static func mean(_ values: some Sequence<Double>) -> Double {
        var sum = 0.0
        var count = 0
        for value in values where value.isFinite {
            sum += value
            count += 1
        }
        return count == 0 ? .nan : sum / Double(count)
    }

    /// The largest finite value, or NaN.
    ///
    /// NaN-aware replacement for `max()`.
    public static func maximum(_ values: some Sequence<Double>) -> Double {
        var best = -Double.infinity
        for value in values where value.isFinite && value > best { best = value }
        return best == -.infinity ? .nan : best
    }

    /// The smallest finite value, or NaN.
    ///
    /// NaN-aware replacement for `min()`.
    public static func minimum(_ values: some Sequence<Double>) -> Double {
        var best = Double.infinity
        for value in values where value.isFinite && value < best { best = value }
        return best == .infinity ? .nan : best
    }

    /// The level of a signal's highest plateau: the median of the values within `band` of its maximum.
    ///
    /// The plain maximum of a noisy signal sits about two noise deviations too high; a plateau median does not.
    public static func crest(_ values: some Collection<Double>, band: Double = 6) -> Double {
        var scratch: [Double] = []
        let array = Array(values)
        return crest(array, array.indices, band: band, scratch: &scratch)
    }

    /// The level of a signal's lowest plateau; the mirror of `crest`.
    ///
    /// Used for rest levels and the extension a knee reaches.
    public static func trough(_ values: some Collection<Double>, band: Double = 6) -> Double {
        var scratch: [Double] = []
        let array = Array(values)
        return trough(array, array.indices, band: band, scratch: &scratch)
    }

    /// `crest` of `values[range]`, with `scratch` as workspace so per-rep calls allocate nothing.
    static func crest(_ values: [Double], _ range: Range<Int>, band: Double = 6, scratch: inout [Double]) -> Double {
        let top = maximum(values[range])
        return quantile(values, range, 0.5, scratch: &scratch) { $0 >= top - band }
    }

    /// `trough` of `values[range]`, with `scratch` as workspace so per-rep calls allocate nothing.
    static func trough(_ values: [Double], _ range: Range<Int>, band: Double = 6, scratch: inout [Double]) -> Double {
        let bottom = minimum(values[range])
        return quantile(values, range, 0.5, scratch: &scratch) { $0 <= bottom + band }
    }
}
