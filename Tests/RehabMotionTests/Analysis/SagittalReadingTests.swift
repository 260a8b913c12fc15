import Foundation
import RehabMotion
import Testing

/// `SagittalReading` is internal; its choice shows in the knee flexion and statement of an analysed heel slide.
@Suite struct SagittalReadingTests {
    static func statement(_ options: SyntheticRecording.Options) throws -> (MotionResult, MeasureConfidence) {
        let (result, _) = try analyse(options)
        return (result, try #require(result.confidence(of: .kneeFlexion)))
    }

    @Test func aSideViewReadsTheImageAtNormalConfidence() throws {
        let (result, statement) = try Self.statement(noisy(.heelSlide))
        #expect(result.kneeFlexion != nil && statement == .normal(.kneeFlexion, [.seen(.side)]))
    }

    @Test func anObliqueViewReadsTheWorldLandmarksAsLessCertain() throws {
        var options = noisy(.heelSlide)
        options.yawDegrees = 55
        let (result, statement) = try Self.statement(options)
        #expect(result.kneeFlexion != nil && statement == .low(.kneeFlexion, [.seen(.oblique), .liftedDepth]))
    }

    /// Depth given with pixel coordinates serves like world landmarks, as it always has, but is less certain too.
    @Test func anObliqueViewWithPixelDepthReadsItAsLessCertain() throws {
        var options = noisy(.heelSlide)
        options.yawDegrees = 55
        options.world = false
        options.depth = true
        options.normalised = false
        let (result, statement) = try Self.statement(options)
        #expect(result.kneeFlexion != nil && statement == .low(.kneeFlexion, [.seen(.oblique), .liftedDepth]))
    }

    @Test func anObliqueViewWithoutDepthIsWithheld() throws {
        var options = noisy(.heelSlide)
        options.yawDegrees = 55
        options.world = false
        let (result, statement) = try Self.statement(options)
        #expect(result.kneeFlexion == nil)
        #expect(statement == .withheld(.kneeFlexion, [.needs(.side, for: .kneeFlexion, seen: .oblique)]))
    }

    /// A bend no knee makes (170°, past the plausible 160°) is withheld, not reported.
    @Test func aBendOutsideWhatAKneeCanDoIsWithheld() throws {
        var options = noisy(.heelSlide)
        options.depths = [170, 170]
        let (result, statement) = try Self.statement(options)
        #expect(MotionAnalyzer.plausibleFlexionDegrees.upperBound < 170)
        #expect(result.kneeFlexion == nil && result.measurements.isEmpty)
        #expect(statement == .withheld(.kneeFlexion, [.outsideKneeRange]))
    }
}
