import Foundation
import RehabMotion
import Testing

@Suite struct SyntheticRandomTests {
    @Test func equalSeedsGiveEqualSequences() {
        var a = SyntheticRandom(seed: 42)
        var b = SyntheticRandom(seed: 42)
        var c = SyntheticRandom(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }

    @Test func uniformDrawsFillTheUnitInterval() {
        var random = SyntheticRandom(seed: 7)
        let draws = (0..<100_000).map { _ in random.uniform() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(draws.reduce(0, +) / 100_000 - 0.5) < 0.005)
        #expect(draws.filter { $0 < 0.1 }.count > 9_500 && draws.filter { $0 < 0.1 }.count < 10_500)
    }

    @Test(arguments: [0.5, 3.0])
    func gaussianDrawsHaveTheAskedDeviation(sigma: Double) {
        var random = SyntheticRandom(seed: 11)
        let draws = (0..<100_000).map { _ in random.gaussian(sigma) }
        let mean = draws.reduce(0, +) / 100_000
        let deviation = (draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 99_999).squareRoot()
        #expect(abs(mean) < 0.02 * sigma)
        #expect(abs(deviation / sigma - 1) < 0.02)
        // About 68 % within one deviation.
        let inside = Double(draws.filter { abs($0) < sigma }.count) / 100_000
        #expect(abs(inside - 0.6827) < 0.01)
        #expect(random.gaussian(0) == 0)
    }
}
