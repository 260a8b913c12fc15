import Foundation
import PropertyBased
import RehabMotion
import Testing

@Suite struct HoldTimerTests {
    let interval = 1.0 / 30

    /// 80° reached by a 1 s ramp (80°/s): the 3° band adds 3/80 s at each end to the plateau, found exactly by
    /// interpolating the band-edge crossings.
    @Test(arguments: [0.5, 1.0, 2.0, 4.5])
    func holdIsThePlateauPlusTheBandCrossings(hold: Double) {
        let signal = trapezoids([80], hold: hold)
        let measured = HoldTimer().longestHold(signal, in: signal.indices, interval: interval)
        #expect(abs(measured - (hold + 2 * 3.0 / 80)) < 1e-9, "\(measured)")
    }

    @Test func aHoldShorterThanTheMinimumIsNone() {
        let signal = trapezoids([80], hold: 0.2)  // 0.2 s + 0.075 s of band crossings < 0.3 s
        #expect(HoldTimer().longestHold(signal, in: signal.indices, interval: interval) == 0)
    }

    @Test func aBriefExitIsBridgedAndALongOneSplitsTheHold() {
        let timer = HoldTimer()
        var brief = trapezoids([80], hold: 3)
        for k in 70..<76 { brief[k] = 60 }  // 0.2 s out of the band
        #expect(abs(timer.longestHold(brief, in: brief.indices, interval: interval) - 3.075) < 1e-9)
        var long = trapezoids([80], hold: 3)
        for k in 70..<85 { long[k] = 60 }  // 0.5 s out: the 65 samples (2.17 s) after it are the longest piece
        let measured = timer.longestHold(long, in: long.indices, interval: interval)
        #expect(abs(measured - (65.0 / 30 + 3.0 / 80)) < 0.01, "\(measured)")
    }

    @Test func aHoldShortOfTheTargetDepthStillCounts() {
        // The band sits at the hold's own level (55°), not at a prescribed depth.
        let signal = trapezoids([55], hold: 2)
        let measured = HoldTimer().longestHold(signal, in: signal.indices, interval: interval)
        #expect(abs(measured - (2 + 2 * 3.0 / 55)) < 1e-9)
    }

    @Test func missingSamplesDoNotEndAHold() {
        var signal = trapezoids([80], hold: 2)
        for k in [70, 71, 72, 90] { signal[k] = .nan }
        let measured = HoldTimer().longestHold(signal, in: signal.indices, interval: interval)
        #expect(abs(measured - 2.075) < 1e-9)
    }

    @Test func onlyTheGivenRangeIsTimed() {
        let signal = trapezoids([80, 80], hold: 2)
        let first = HoldTimer().longestHold(signal, in: 0..<130, interval: interval)
        #expect(abs(first - 2.075) < 1e-9)
        #expect(HoldTimer().longestHold(signal, in: 0..<5, interval: interval) == 0)
        #expect(HoldTimer().longestHold([.nan, .nan], in: 0..<2, interval: interval) == 0)
    }

    @Test func aStillSignalIsHeldForItsWholeLength() async {
        await propertyCheck(input: Gen.int(in: 11...300), Gen.double(in: -20...120)) { count, value in
            let signal = [Double](repeating: value, count: count)
            let measured = HoldTimer().longestHold(signal, in: signal.indices, interval: 1.0 / 30)
            #expect(abs(measured - Double(count - 1) / 30) < 1e-9)
        }
    }

    @Test func aHoldNeverOutlastsItsWindow() async {
        await propertyCheck(input: Gen.double(in: 0...100).array(of: 1...200)) { signal in
            let measured = HoldTimer().longestHold(signal, in: signal.indices, interval: 1.0 / 30)
            #expect(measured >= 0 && measured <= Double(signal.count + 1) / 30)
        }
    }
}
