import Foundation
import PropertyBased
import RehabMotion
import Testing

@Suite struct StatisticsTests {
    /// The textbook definition: sort the finite values, interpolate linearly between neighbouring ranks.
    static func sortedQuantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position)
        guard lower + 1 < sorted.count else { return sorted.last ?? first }
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[lower + 1] * weight
    }

    @Test func quantileMatchesSortingOnShortInputs() async {
        let value = Gen.double(in: -500...500)
        await propertyCheck(input: value.array(of: 1...300), Gen.double(in: 0...1)) { values, q in
            let measured = Statistics.quantile(values, q)
            let expected = Self.sortedQuantile(values, q)
            #expect(abs(measured - expected) <= 1e-9 * max(1, abs(expected)), "q \(q) of \(values.count) values")
        }
    }

    @Test func quantileHandlesDuplicatesAndSkipsNaN() {
        let values = [3.0, .nan, 3, 3, 1, .nan, 3, 7, 3]
        #expect(Statistics.quantile(values, 0) == 1)
        #expect(Statistics.quantile(values, 0.5) == 3)
        #expect(Statistics.quantile(values, 1) == 7)
        #expect(Statistics.quantile([.nan, .nan], 0.5).isNaN)
        #expect(Statistics.quantile([], 0.5).isNaN)
        #expect(Statistics.quantile([4], 0.9) == 4)
    }

    @Test func longInputsAreSampledEvenly() {
        // 0, 1, …, 999 999: an even subsample has the same quantiles to within its spacing (122).
        let values = (0..<1_000_000).map(Double.init)
        for q in [0.02, 0.5, 0.98] {
            #expect(abs(Statistics.quantile(values, q) - q * 999_999) < 250)
        }
    }

    @Test func crestIsThePlateauNotTheNoisiestSample() {
        // A plateau at 80 with ±1 jitter and one 85 spike: the maximum says 85, the plateau is 80.
        var signal = (0..<60).map { 80 + ($0.isMultiple(of: 2) ? 1.0 : -1.0) }
        signal[30] = 85
        signal += [10, 20, 30, .nan]
        #expect(Statistics.maximum(signal) == 85)
        #expect(abs(Statistics.crest(signal) - 80) <= 1)
        #expect(abs(Statistics.trough(signal.map { -$0 }) + 80) <= 1)
    }

    @Test func crestOfASliceLooksOnlyAtTheSlice() {
        let signal = [0.0, 50, 50, 50, 0, 90, 90, 90, 0]
        #expect(Statistics.crest(signal[0..<5]) == 50)
        #expect(Statistics.crest(signal) == 90)
    }

    @Test func extremesAndMeanIgnoreNaN() {
        let values = [2.0, .nan, -1, 4]
        #expect(Statistics.maximum(values) == 4)
        #expect(Statistics.minimum(values) == -1)
        #expect(Statistics.mean(values) == 5.0 / 3)
        #expect(Statistics.maximum([Double.nan]).isNaN)
        #expect(Statistics.mean([Double]()).isNaN)
    }

    @Test func crestNeverExceedsTheMaximumNorFallsBelowItsBand() async {
        await propertyCheck(input: Gen.double(in: -180...180).array(of: 1...200)) { values in
            let crest = Statistics.crest(values)
            let top = Statistics.maximum(values)
            #expect(crest <= top && crest >= top - 6)
        }
    }
}
