import PropertyBased
import RehabCore
import RehabTesting
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

    /// The timed hop turned round (docs/clinical-sources.md §7): 2.0 s on the other leg and 2.5 s on the operated
    /// one is 80 %, the slower operated leg scoring lower.
    @Test func aTimedTestIsTurnedRound() {
        #expect(LimbSymmetry.index(.lowerIsBetter, involved: 2.5, uninvolved: 2.0) == 80)
        #expect(LimbSymmetry.index(.higherIsBetter, involved: 300, uninvolved: 400) == 75)
        #expect(LimbSymmetry.index(.lowerIsBetter, involved: 0, uninvolved: 2.0) == nil)
    }

    @Test func turningRoundIsSwappingTheLegs() async {
        await propertyCheck(input: Gen.double(in: 0.1...100), Gen.double(in: 0.1...100)) { a, b in
            #expect(
                LimbSymmetry.index(.lowerIsBetter, involved: a, uninvolved: b)
                    == LimbSymmetry.index(involved: b, uninvolved: a))
        }
    }

    /// The chart's points: days with both legs, counted methods only, the day's last value of each leg.
    @Test func historyPairsTheLegsByDayAndLeavesOutWhatCannotOpenAGate() throws {
        let spec = Catalog.bundled.measurements.spec(.quadricepsStrength)
        let day = CalendarDate.literal("2026-11-20")
        let next = day.adding(days: 7)
        let measurements = [
            RehabCore.Measurement(date: day, kind: .quadricepsStrength, side: .left, value: 200, method: .dynamometer),
            RehabCore.Measurement(date: day, kind: .quadricepsStrength, side: .right, value: 400, method: .dynamometer),
            RehabCore.Measurement(date: day, kind: .quadricepsStrength, side: .left, value: 240, method: .dynamometer),
            RehabCore.Measurement(
                date: next, kind: .quadricepsStrength, side: .left, value: 380, method: .patientReported),
            RehabCore.Measurement(
                date: next, kind: .quadricepsStrength, side: .right, value: 400, method: .dynamometer),
        ]
        let history = LimbSymmetry.history(of: spec, in: measurements, operated: .left)
        #expect(history == [LimbSymmetry.Point(date: day, involved: 240, uninvolved: 400, index: 60)])
        let balance = Catalog.bundled.measurements.spec(.singleLegBalance)
        #expect(LimbSymmetry.history(of: balance, in: measurements, operated: .left).isEmpty)
    }
}
