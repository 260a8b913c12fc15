import Foundation
import PropertyBased
import RehabMotion
import Testing

@Suite struct OneEuroFilterTests {
    @Test(arguments: [0.0, 17.5])
    func keepsAConstant(value: Double) {
        var filter = OneEuroFilter()
        for i in 0..<100 { #expect(abs(filter.filter(value, at: Double(i) / 30) - value) < 1e-12) }
    }

    @Test func smoothsNoiseAndFollowsASlowRamp() {
        var random = SyntheticRandom(seed: 3)
        var filter = OneEuroFilter(minCutoff: 1, beta: 0.1)
        var rawError = 0.0
        var filteredError = 0.0
        for i in 0..<600 {
            let t = Double(i) / 60
            let truth = 10 * t
            let noisy = truth + random.gaussian(1)
            let out = filter.filter(noisy, at: t)
            if i > 60 {
                rawError += (noisy - truth) * (noisy - truth)
                filteredError += (out - truth) * (out - truth)
            }
        }
        #expect(filteredError < rawError / 2)
    }

    @Test(arguments: [0.0, 1.0, 10.0])
    func higherBetaLagsLessOnFastMotion(beta: Double) {
        func lag(_ beta: Double) -> Double {
            var filter = OneEuroFilter(minCutoff: 1, beta: beta)
            var last = 0.0
            for i in 0..<30 { last = filter.filter(100 * Double(i) / 30, at: Double(i) / 30) }
            return 100 * 29 / 30 - last
        }
        #expect(lag(beta + 1) < lag(beta))
    }

    @Test func passesNaNWithoutLosingState() {
        var filter = OneEuroFilter()
        _ = filter.filter(1, at: 0)
        #expect(filter.filter(.nan, at: 0.1).isNaN)
        #expect(abs(filter.filter(1, at: 0.2) - 1) < 1e-12)
    }

    @Test func outputStaysWithinTheInputRange() async {
        await propertyCheck(input: Gen.double(in: -100...100).array(of: 2...50)) { values in
            var filter = OneEuroFilter()
            for (i, value) in values.enumerated() {
                let out = filter.filter(value, at: Double(i) / 30)
                #expect(out >= values.min()! - 1e-9 && out <= values.max()! + 1e-9)
            }
        }
    }
}
