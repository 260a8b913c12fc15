import Foundation
import RehabCore
import RehabMotion
import Testing

@testable import RehabWeb

/// What the motion analysis tells a patient, worded from the page strings: in English exactly as RehabMotion words
/// it for its JSON, and in Spanish for every exercise, view, measure, reason code and video refusal there is. A new
/// one without its words fails here.
struct MotionWordsTests {
    let english = MotionWords(words: PageStrings.bundled.words(.english))
    let spanish = MotionWords(words: PageStrings.bundled.words(.spanish))

    /// Every reason the analysis can give: each view seen, each "needs" for each measure and view, the rest.
    static let reasons: [ConfidenceReason] =
        CameraView.allCases.map(ConfidenceReason.seen)
        + [CameraView.front, .side].flatMap { needed in
            ConfidenceMeasure.allCases.flatMap { measure in
                CameraView.allCases.map { ConfidenceReason.needs(needed, for: measure, seen: $0) }
            }
        }
        + [.viewFromOutline, .liftedDepth, .notBearingWeight, .outsideKneeRange, .noStandingBaseline]

    /// Every kind of statement over a few reasons.
    static let statements: [MeasureConfidence] = ConfidenceMeasure.allCases.flatMap { measure in
        [
            MeasureConfidence.normal(measure, [.seen(.side)]), .normal(measure, []),
            .low(measure, [.seen(.oblique), .liftedDepth]),
            .withheld(measure, [.needs(.front, for: measure, seen: .side)]),
        ]
    }

    /// Checks a Spanish text: its own, filled in, and without a word of the English tables.
    static func expectSpanish(
        _ text: String, besides english: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(text != english, "\(english) has its Spanish", sourceLocation: sourceLocation)
        #expect(!text.contains("{") && !text.hasPrefix("motion_"), "\(text) is filled", sourceLocation: sourceLocation)
        let left = SpanishPagesTests.english(in: "<p>\(text)</p>")
        #expect(left.isEmpty, "\(text) has English: \(left)", sourceLocation: sourceLocation)
    }

    @Test func everyReasonCodeHasItsWords() {
        #expect(Set(Self.reasons.map(\.code)) == Set(ConfidenceReason.Code.allCases), "the list above is complete")
        for reason in Self.reasons {
            #expect(english.reason(reason) == reason.text)
            Self.expectSpanish(spanish.reason(reason), besides: reason.text)
        }
    }

    @Test func captionsReadAsTheAnalysisReadsThem() {
        for statement in Self.statements {
            #expect(english.caption(statement) == statement.caption)
            if statement.caption.isEmpty {
                #expect(spanish.caption(statement).isEmpty)
                continue
            }
            Self.expectSpanish(spanish.caption(statement), besides: statement.caption)
        }
        #expect(spanish.caption(.normal(.kneeFlexion, [.seen(.side)])) == "unos ±7°; la cámara le vio de lado")
        for measure in ConfidenceMeasure.allCases {
            #expect(english.name(measure) == measure.plainName)
            Self.expectSpanish(spanish.name(measure), besides: measure.plainName)
        }
    }

    @Test func everyExerciseHasItsCameraPlacement() {
        for placement in CameraPlacement.all {
            #expect(english.placement(placement) == placement.instruction)
            Self.expectSpanish(spanish.placement(placement), besides: placement.instruction)
            let picture = CameraPlacementPicture.svg(placement, words: PageStrings.bundled.words(.spanish))
            #expect(picture.contains("Teléfono") && picture.contains(SVGText.escape(spanish.placement(placement))))
            #expect(SpanishPagesTests.english(in: picture).isEmpty)
        }
    }

    @Test func everyMeasurementKindHasItsName() {
        let words = PageStrings.bundled.words(.spanish)
        for kind in MeasurementKind.allCases {
            let text = words["measurement_kind_\(kind.rawValue)"]
            #expect(text != "measurement_kind_\(kind.rawValue)", "\(kind.rawValue) is named in Spanish")
        }
    }

    /// Each refusal of the pose worker is a code the video page words by (`error_code_video-<code>`).
    @Test func everyVideoRefusalHasItsWords() throws {
        let worker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RehabWeb/Resources/pose-worker/pose_worker.py")
        let source = try String(contentsOf: worker, encoding: .utf8)
        let block = try #require(source.range(of: #"(?s)MESSAGES = \{.*?\n\}"#, options: .regularExpression))
        let messages = String(source[block])
        let codes = try NSRegularExpression(pattern: #"^\s+"([a-z-]+)":"#, options: .anchorsMatchLines)
            .matches(in: messages, range: NSRange(messages.startIndex..., in: messages))
            .compactMap { Range($0.range(at: 1), in: messages).map { String(messages[$0]) } }
        #expect(codes.count >= 5)
        let table = PageStrings.bundled.table(.spanish)
        for code in codes + ["in-progress", "analysis-stopped"] {
            #expect(table["error_code_video-\(code)"] != nil, "video-\(code) has its Spanish")
        }
        let tooLarge = RecordingPages.problem(VideoAnalysis.tooLarge, .bundled, .spanish)
        #expect(tooLarge.hasPrefix("El vídeo es demasiado grande"))
        #expect(RecordingPages.problem(VideoAnalysis.tooLarge, .bundled, .english) == VideoAnalysis.tooLarge.message)
    }
}
