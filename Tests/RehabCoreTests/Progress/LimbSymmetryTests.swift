import PropertyBased
import RehabCore
import Testing

@Suite struct LimbSymmetryTests {
    @Test func involvedOverUninvolvedTimesHundred() {
        #expect(LimbSymmetry.index(involved: 90, uninvolved: 100) == 90)
        #expect(LimbSymmetry.index(involved: 120, uninvolved: 100) == 120)
        #expect(LimbSymmetry.index(involved: 50, uninvolved: 0) == nil)
        #expect(LimbSymmetry.index(involved: .nan, uninvolved: 10) == nil)
    }

    @Test func equalLegsAreAlwaysOneHundredPercent() async {
        await propertyCheck(input: Gen.double(in: 0.1...1000)) { value in
            #expect(abs((LimbSymmetry.index(involved: value, uninvolved: value) ?? 0) - 100) < 1e-9)
        }
    }
}
