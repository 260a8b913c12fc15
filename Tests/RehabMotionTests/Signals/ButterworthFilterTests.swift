import Foundation
import RehabMotion
import Testing

@Suite struct ButterworthFilterTests {
    static func sine(_ hz: Double, rate: Double = 30, seconds: Double = 10) -> [Double] {
        (0..<Int(rate * seconds)).map { sin(2 * .pi * hz * Double($0) / rate) }
    }

    @Test(arguments: [(1.0, 0.95, 1.01), (2, 0.9, 1.01), (12, 0, 0.1)])
    func passesSlowAndStopsFastMotion(hz: Double, low: Double, high: Double) {
        let filtered = ButterworthFilter(cutoff: 6, sampleRate: 30).filtered(Self.sine(hz))
        let middle = filtered[60..<240].map(abs).max()!
        #expect(middle >= low && middle <= high, "gain \(middle) at \(hz) Hz")
    }

    @Test func hasNoLag() {
        let signal = Self.sine(1)
        let filtered = ButterworthFilter(sampleRate: 30).filtered(signal)
        let peakIn = (60..<90).max { signal[$0] < signal[$1] }!
        let peakOut = (60..<90).max { filtered[$0] < filtered[$1] }!
        #expect(peakIn == peakOut)
    }

    @Test(arguments: [0.0, 42.5, -3])
    func keepsAConstant(value: Double) {
        let filtered = ButterworthFilter(sampleRate: 60).filtered(Array(repeating: value, count: 100))
        #expect(filtered.allSatisfy { abs($0 - value) < 1e-9 })
    }

    @Test func filtersAroundGapsWithoutSpreadingThem() {
        var signal = Array(repeating: 5.0, count: 50)
        signal[20] = .nan
        signal[21] = .nan
        let filtered = ButterworthFilter(sampleRate: 30).filtered(signal)
        #expect(filtered[20].isNaN && filtered[21].isNaN)
        #expect(
            filtered.enumerated().filter { ![20, 21].contains($0.offset) }.allSatisfy { abs($0.element - 5) < 1e-9 })
    }

    @Test func passesEverythingAboveNyquist() {
        let signal = Self.sine(5, rate: 10)
        #expect(ButterworthFilter(cutoff: 6, sampleRate: 10).filtered(signal) == signal)
    }
}
