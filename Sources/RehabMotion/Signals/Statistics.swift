import Foundation

/// Small robust statistics over signals that may hold NaN.
///
/// Percentiles rather than extremes keep one bad frame from setting a patient's range.
public enum Statistics {
    /// Quantiles of longer inputs are taken on an even subsample of this many values.
    ///
    /// Ranges, baselines and body size need robustness, not every sample; sorting a whole hour of samples would be
    /// most of the analysis time (MOTION-ANALYSIS.md §5 budget).
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
        let sorted = sample.sorted()
        guard !sorted.isEmpty else { return .nan }
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
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
        values.filter { $0.isFinite }.max() ?? .nan
    }

    /// The smallest finite value, or NaN.
    ///
    /// NaN-aware replacement for `min()`.
    public static func minimum(_ values: some Sequence<Double>) -> Double {
        values.filter { $0.isFinite }.min() ?? .nan
    }

    /// The level of a signal's highest plateau: the median of the values within `band` of its maximum.
    ///
    /// The plain maximum of a noisy signal sits about two noise deviations too high; a plateau median does not.
    public static func crest(_ values: some Collection<Double>, band: Double = 6) -> Double {
        let top = maximum(values)
        return quantile(values.filter { $0 >= top - band }, 0.5)
    }

    /// The level of a signal's lowest plateau; the mirror of `crest`.
    ///
    /// Used for rest levels and the extension a knee reaches.
    public static func trough(_ values: some Collection<Double>, band: Double = 6) -> Double {
        let bottom = minimum(values)
        return quantile(values.filter { $0 <= bottom + band }, 0.5)
    }
}
