import Foundation
import PropertyBased
import RehabMotion
import Testing

/// Trapezoid reps sampled at `rate`: rest, linear rise to each depth, hold, linear fall, … and a final rest.
func trapezoids(
    _ depths: [Double], rate: Double = 30, ramp: Double = 1, hold: Double = 1, rest: Double = 1
) -> [Double] {
    let rep = 2 * ramp + hold + rest
    let samples = Int(((rest + Double(depths.count) * rep) * rate).rounded()) + 1
    return (0..<samples).map { k in
        let local = Double(k) / rate - rest
        guard local > 0 else { return 0 }
        let index = Int(local / rep)
        guard index < depths.count else { return 0 }
        let phase = local - Double(index) * rep
        let depth = depths[index]
        if phase < ramp { return depth * phase / ramp }
        if phase < ramp + hold { return depth }
        if phase < 2 * ramp + hold { return depth * (2 * ramp + hold - phase) / ramp }
        return 0
    }
}

@Suite struct RepCounterTests {
    let interval = 1.0 / 30

    @Test(arguments: [
        ([80.0, 80, 80], 3, 0),
        ([80, 40, 80, 85], 3, 1),  // 40 passes the 40 % start but not the 65 % full level of an 85° range
        ([80, 20, 80], 2, 0),  // 20 never leaves rest (under 40 % of the range)
        ([], 0, 0),
    ])
    func countsFullAndPartialRepsApart(depths: [Double], full: Int, partial: Int) {
        let count = RepCounter().count(trapezoids(depths), interval: interval)
        #expect(count.full == full)
        #expect(count.partial == partial)
    }

    @Test func repetitionsBracketTheirPeaks() {
        let signal = trapezoids([60, 90, 75])
        let reps = RepCounter().count(signal, interval: interval).repetitions
        #expect(reps.count == 3)
        for (rep, depth) in zip(reps, [60.0, 90, 75]) {
            #expect(rep.start < rep.peak && rep.peak < rep.end)
            #expect(rep.peakValue == signal[rep.peak] && rep.peakValue == depth)
        }
        #expect(zip(reps, reps.dropFirst()).allSatisfy { $0.end <= $1.start })
    }

    @Test func aBounceShorterThanTheMinimumIsNoRep() {
        var signal = trapezoids([80, 80])
        // Seven samples (0.23 s) up at 80 during the final rest: a twitch, not a rep.
        for k in (signal.count - 20)..<(signal.count - 13) { signal[k] = 80 }
        #expect(RepCounter().count(signal, interval: interval).full == 2)
    }

    @Test func detectionGapsDoNotSplitARep() {
        var signal = trapezoids([80, 80, 80])
        for k in stride(from: 40, to: signal.count, by: 45) { signal[k] = .nan }
        for k in 60..<66 { signal[k] = .nan }
        #expect(RepCounter().count(signal, interval: interval).full == 3)
    }

    @Test func noiseWithinTheMinimumRangeIsNoMovement() {
        let signal = (0..<300).map { 4 * sin(Double($0) / 3) }
        let count = RepCounter().count(signal, interval: interval)
        #expect(count.repetitions.isEmpty)
        #expect(count.high - count.low < RepCounter().minimumRange)
    }

    @Test func theRangeIsThePatientsOwn() {
        // A patient who only reaches 35° still gets reps counted, relative to their range.
        let count = RepCounter().count(trapezoids([35, 33, 35]), interval: interval)
        #expect(count.full == 3)
        #expect(abs(count.high - 35) < 0.5 && count.low == 0)
    }

    @Test func generatedRepsAreCountedExactly() async {
        await propertyCheck(
            input: Gen.double(in: 70...100).array(of: 0...8), Gen.double(in: 0.5...2), Gen.double(in: 0...2),
            Gen.double(in: 0.6...2)
        ) { depths, ramp, hold, rest in
            let signal = trapezoids(depths, ramp: ramp, hold: hold, rest: rest)
            #expect(RepCounter().count(signal, interval: 1.0 / 30).full == depths.count)
        }
    }

    @Test func repsNeverOutnumberThePeaksAndNeverOverlap() async {
        await propertyCheck(input: Gen.double(in: 0...120).array(of: 0...400)) { signal in
            let reps = RepCounter().count(signal, interval: 1.0 / 30).repetitions
            let peaks = signal.indices.dropFirst().dropLast().filter {
                signal[$0] >= signal[$0 - 1] && signal[$0] > signal[$0 + 1]
            }
            #expect(reps.count <= peaks.count)
            #expect(zip(reps, reps.dropFirst()).allSatisfy { $0.end <= $1.start })
            #expect(reps.allSatisfy { $0.start <= $0.peak && $0.peak < $0.end })
        }
    }
}
