import Foundation
import RehabMotion
import Testing

@Suite struct MotionResultTests {
    @Test func roundingKeepsATenthOfADegreeAndAMillisecond() {
        var result = MotionResult(exercise: .wallSquat, side: .right, frames: 10, durationSeconds: 1.23456)
        result.kneeFlexion = ValueRange(min: -0.04, max: 89.96)
        result.depthDegrees = 84.449
        result.holdsSeconds = [1.23449, 2.0006]
        result.missing = [MissingInterval(start: 0.12345, end: 0.5)]
        let rounded = result.rounded()
        #expect(rounded.durationSeconds == 1.235)
        #expect(rounded.kneeFlexion == ValueRange(min: -0, max: 90))
        #expect(rounded.depthDegrees == 84.4)
        #expect(rounded.holdsSeconds == [1.234, 2.001])
        #expect(rounded.missing == [MissingInterval(start: 0.123, end: 0.5)])
    }

    @Test func jsonHasSortedKeysAndLeavesOutWhatDoesNotApply() throws {
        var result = MotionResult(exercise: .heelSlide, side: .left, frames: 30, durationSeconds: 1)
        result.reps = 2
        let text = String(decoding: try result.json(pretty: false), as: UTF8.self)
        #expect(
            text.hasPrefix(
                #"{"confidence":[],"durationSeconds":1,"exercise":"heel-slide","frames":30,"lowConfidence":[]"#))
        #expect(!text.contains("viewYawDegrees"))
        #expect(!text.contains("valgusDegrees") && !text.contains("balanceSeconds"))
        #expect(text.contains(#""reps":2"#) && text.contains(#""status":"ok""#))
    }

    @Test func jsonReadsBackAsTheRoundedResult() throws {
        var result = MotionResult(exercise: .singleLegBalance, side: .right, frames: 300, durationSeconds: 9.96666)
        result.stanceSide = .right
        result.balanceSeconds = 8.04321
        result.sway = SwayReport(
            normalised: Sway(
                pathBodyHeights: 0.25, velocityBodyHeightsPerSecond: 0.025, ellipseAreaBodyHeights2: 1e-4,
                horizontalSDBodyHeights: 0.008),
            pathCm: 42.5)
        result.measurements = [
            RecordMeasurement(date: "2026-11-25", kind: "single-leg-balance", side: .right, value: 8)
        ]
        let decoded = try JSONDecoder().decode(MotionResult.self, from: try result.json())
        #expect(decoded == result.rounded())
    }
}
