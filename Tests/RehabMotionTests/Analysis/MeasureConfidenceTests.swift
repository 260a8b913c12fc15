import Foundation
import RehabMotion
import Testing

@Suite struct MeasureConfidenceTests {
    @Test func aNormalReadingShowsItsUsualErrorAndTheView() {
        let statement = MeasureConfidence.normal(.kneeFlexion, [.seen(.side)])
        #expect(statement.uncertaintyDegrees == 7)
        #expect(statement.caption == "about ±7°; the camera saw you from the side")
        #expect(statement.lowConfidence == nil)
        #expect(
            MeasureConfidence.normal(.hipDropDegrees, [.seen(.front)]).caption == "the camera saw you from the front")
    }

    @Test func lessCertainAndWithheldReadingsSayWhy() {
        let low = MeasureConfidence.low(.kneeFlexion, [.seen(.oblique), .liftedDepth])
        #expect(low.uncertaintyDegrees == nil)
        #expect(
            low.caption
                == "less certain: the camera saw you at an angle; it was worked out in 3D from one camera, which "
                + "estimates depth rather than measuring it")
        let withheld = MeasureConfidence.withheld(.valgusDegrees, [.notBearingWeight])
        #expect(withheld.caption == "not measured: the leg is not bearing weight")
        #expect(
            withheld.lowConfidence == LowConfidence(measure: "valgusDegrees", reason: "the leg is not bearing weight"))
    }

    /// The command line and its tests look for "front view" in the valgus reason; every view has its own phrase.
    @Test(arguments: [CameraView.side, .oblique, .unknown])
    func aMissingViewNamesTheViewNeededAndTheViewSeen(seen: CameraView) {
        let reason = ConfidenceReason.needs(.front, for: .valgusDegrees, seen: seen)
        #expect(reason.code == .needsFrontView)
        #expect(reason.text.hasPrefix("knee moving inward can only be measured from a front view; "))
        #expect(reason.text.hasSuffix(ConfidenceReason.seen(seen).text))
        #expect(ConfidenceReason.needs(.side, for: .kneeFlexion, seen: seen).code == .needsSideView)
        let phrases = Set([CameraView.side, .front, .oblique, .unknown].map { ConfidenceReason.seen($0).text })
        #expect(phrases.count == 4)
    }

    @Test func statingAMeasureKeepsBothListsInStep() {
        var result = MotionResult(exercise: .wallSquat, side: .left, frames: 10, durationSeconds: 1)
        result.state(.normal(.kneeFlexion, [.seen(.side)]))
        result.state(.withheld(.valgusDegrees, [.needs(.front, for: .valgusDegrees, seen: .side)]))
        #expect(result.confidence.map(\.measure) == [.kneeFlexion, .valgusDegrees])
        #expect(result.lowConfidence.map(\.measure) == ["valgusDegrees"])
        #expect(result.confidence(of: .kneeFlexion)?.level == .normal)
        #expect(result.confidence(of: .hipDropDegrees) == nil)
    }

    /// The JSON shape the web app and docs/motion.md rely on.
    @Test func theStatementEncodesAsDocumented() throws {
        var result = MotionResult(exercise: .heelSlide, side: .left, frames: 10, durationSeconds: 1)
        result.viewYawDegrees = 47.04
        result.state(.low(.kneeFlexion, [.seen(.oblique), .liftedDepth]))
        result.state(.normal(.liftDegrees, []))
        let object = try #require(try JSONSerialization.jsonObject(with: try result.json()) as? [String: Any])
        #expect(object["viewYawDegrees"] as? Double == 47)
        let statements = try #require(object["confidence"] as? [[String: Any]])
        #expect(statements[0]["measure"] as? String == "kneeFlexion" && statements[0]["level"] as? String == "low")
        #expect(statements[0]["uncertaintyDegrees"] == nil)
        let reasons = try #require(statements[0]["reasons"] as? [[String: String]])
        #expect(reasons.map { $0["code"] } == ["view", "lifted-depth"])
        #expect(reasons[0]["text"] == "the camera saw you at an angle")
        #expect(statements[1]["level"] as? String == "normal")
        // The short list stays strings only, as the command line's readers expect.
        #expect((object["lowConfidence"] as? [[String: String]])?.first?["measure"] == "kneeFlexion")
    }
}
