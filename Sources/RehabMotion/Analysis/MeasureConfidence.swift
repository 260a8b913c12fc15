/// How far a measure of the result can be trusted.
///
/// A number a phone cannot support is never shown as if it could (docs/motion-sources.md §2.9): it is either
/// reported with its usual error, reported as less certain, or left out, and every case says why.
public enum ConfidenceLevel: String, Sendable, Codable {
    /// Reported; as good as one phone in a suitable view allows.
    case normal
    /// Reported, but less certain than usual; the reasons say why.
    case low
    /// Not reported: the recording cannot support it; the reasons say why.
    case withheld
}

/// A measure that carries a confidence statement, named as its field in the result.
///
/// Fields derived from one of these share its statement: `depthDegrees`, `extensionDegrees` and `kneeBendDegrees`
/// come from `kneeFlexion`, `valgusMaxDegrees` from `valgusDegrees`, `trunkLeanDegrees` from `hipDropDegrees`.
public enum ConfidenceMeasure: String, Sendable, Codable, CaseIterable {
    /// Knee flexion (`kneeFlexion`).
    case kneeFlexion
    /// Dynamic valgus, the frontal plane projection angle (`valgusDegrees`).
    case valgusDegrees
    /// Contralateral pelvic drop (`hipDropDegrees`).
    case hipDropDegrees
    /// Straight leg raise lift (`liftDegrees`).
    case liftDegrees

    /// The measure in a patient's words.
    public var plainName: String {
        switch self {
        case .kneeFlexion: "knee bend"
        case .valgusDegrees: "knee moving inward"
        case .hipDropDegrees: "hip dropping"
        case .liftDegrees: "leg lift"
        }
    }

    /// About how many degrees a reading at normal confidence may be off; nil where the sources give no figure.
    ///
    /// Knee flexion: about ±5–7° from one phone in a good side view (§2.1), the upper end stated. Valgus: the
    /// frontal plane projection angle's smallest detectable difference, 7.5–8.9° (§2.2), rounded up.
    public var typicalUncertaintyDegrees: Double? {
        switch self {
        case .kneeFlexion: 7
        case .valgusDegrees: 9
        case .hipDropDegrees, .liftDegrees: nil
        }
    }
}

/// Why a measure has the confidence it has: a code for programs and a plain sentence for the patient.
///
/// Every sentence is written here once; the analysis picks reasons, it never spells them.
public struct ConfidenceReason: Sendable, Equatable, Codable {
    /// What kind of reason it is, stable for programs (the web app picks a picture by it).
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// Which way the camera saw the patient.
        case view
        /// The measure needs the camera in front of the patient.
        case needsFrontView = "needs-front-view"
        /// The measure needs the camera at the patient's side.
        case needsSideView = "needs-side-view"
        /// The view was judged from the body's outline in the image, which cannot rule out a slight turn.
        case viewFromOutline = "view-from-outline"
        /// The angle was measured on depth lifted from one camera.
        case liftedDepth = "lifted-depth"
        /// The leg was not carrying the body.
        case notBearingWeight = "not-bearing-weight"
        /// The value lies outside what a knee can do.
        case outsideKneeRange = "outside-knee-range"
        /// No quiet standing on both feet to measure against.
        case noStandingBaseline = "no-standing-baseline"
    }

    /// The kind of reason.
    public var code: Code
    /// The reason as a plain sentence (no capital, no full stop, so it can follow a number).
    public var text: String
    /// The view the camera had, for `view` and the `needs-…` reasons: what a page in another language words the
    /// sentence from (not encoded; the text says it).
    public var seen: CameraView?
    /// The measure a `needs-…` reason is about (not encoded; the text says it).
    public var measure: ConfidenceMeasure?

    /// Creates a reason.
    ///
    /// Plain memberwise initialiser; `seen(_:)`, `needs(_:for:seen:)` and the constants make the usual ones.
    public init(code: Code, text: String, seen: CameraView? = nil, measure: ConfidenceMeasure? = nil) {
        self.code = code
        self.text = text
        self.seen = seen
        self.measure = measure
    }

    private enum CodingKeys: String, CodingKey {
        case code, text
    }

    /// Which way the camera saw the patient.
    public static func seen(_ view: CameraView) -> ConfidenceReason {
        ConfidenceReason(code: .view, text: viewPhrase(view), seen: view)
    }

    /// The measure needs a view the camera did not have.
    ///
    /// `view` is `.front` or `.side`; `seen` is the view the camera had.
    public static func needs(_ view: CameraView, for measure: ConfidenceMeasure, seen: CameraView)
        -> ConfidenceReason
    {
        let front = view == .front
        return ConfidenceReason(
            code: front ? .needsFrontView : .needsSideView,
            text: "\(measure.plainName) can only be measured from a \(front ? "front" : "side") view; "
                + viewPhrase(seen), seen: seen, measure: measure)
    }

    /// The view came from the body's outline, which cannot rule out a slight turn.
    public static let viewFromOutline = ConfidenceReason(
        code: .viewFromOutline,
        text: "the camera angle was judged from your outline only, and a slight turn changes this angle")
    /// The angle rests on depth lifted from one camera.
    public static let liftedDepth = ConfidenceReason(
        code: .liftedDepth,
        text: "it was worked out in 3D from one camera, which estimates depth rather than measuring it")
    /// The leg was not carrying the body.
    public static let notBearingWeight = ConfidenceReason(
        code: .notBearingWeight, text: "the leg is not bearing weight")
    /// The value lies outside what a knee can do.
    public static let outsideKneeRange = ConfidenceReason(
        code: .outsideKneeRange, text: "outside what a knee can do; the view or the tracking is off")
    /// No quiet standing on both feet to measure against.
    public static let noStandingBaseline = ConfidenceReason(
        code: .noStandingBaseline, text: "there was no moment of standing still on both feet to compare with")

    private static func viewPhrase(_ view: CameraView) -> String {
        switch view {
        case .side: "the camera saw you from the side"
        case .front: "the camera saw you from the front"
        case .oblique: "the camera saw you at an angle"
        case .unknown: "too little of you was seen to tell the camera angle"
        }
    }
}

/// The confidence statement of one measure: its level, its usual error when known, and the reasons.
///
/// Lets a page say "Knee bend reached: 95° (about ±7°; the camera saw you from the side)" without deciding anything
/// itself (`caption`).
public struct MeasureConfidence: Sendable, Equatable, Codable {
    /// The measure, as its result field.
    public var measure: ConfidenceMeasure
    /// Normal, low or withheld.
    public var level: ConfidenceLevel
    /// About how many degrees the reading may be off, given only at normal confidence and where a source has it.
    public var uncertaintyDegrees: Double?
    /// Why, in order of weight.
    public var reasons: [ConfidenceReason]

    /// Creates a statement.
    ///
    /// Plain memberwise initialiser; `normal`, `low` and `withheld` fill in the usual values.
    public init(
        measure: ConfidenceMeasure, level: ConfidenceLevel, uncertaintyDegrees: Double?, reasons: [ConfidenceReason]
    ) {
        self.measure = measure
        self.level = level
        self.uncertaintyDegrees = uncertaintyDegrees
        self.reasons = reasons
    }

    /// A measure reported with its usual error.
    public static func normal(_ measure: ConfidenceMeasure, _ reasons: [ConfidenceReason]) -> MeasureConfidence {
        MeasureConfidence(
            measure: measure, level: .normal, uncertaintyDegrees: measure.typicalUncertaintyDegrees, reasons: reasons)
    }

    /// A measure reported as less certain than usual.
    public static func low(_ measure: ConfidenceMeasure, _ reasons: [ConfidenceReason]) -> MeasureConfidence {
        MeasureConfidence(measure: measure, level: .low, uncertaintyDegrees: nil, reasons: reasons)
    }

    /// A measure left out.
    public static func withheld(_ measure: ConfidenceMeasure, _ reasons: [ConfidenceReason]) -> MeasureConfidence {
        MeasureConfidence(measure: measure, level: .withheld, uncertaintyDegrees: nil, reasons: reasons)
    }

    /// The reasons as one sentence, joined by semicolons.
    public var reasonText: String { reasons.map(\.text).joined(separator: "; ") }

    /// What a page shows beside the number (or instead of it): "about ±7°; the camera saw you from the side",
    /// "less certain: …" or "not measured: …".
    public var caption: String {
        switch level {
        case .normal:
            let error = uncertaintyDegrees.map { "about ±\(Int($0.rounded()))°" }
            return [error, reasons.isEmpty ? nil : reasonText].compactMap { $0 }.joined(separator: "; ")
        case .low: return "less certain: " + reasonText
        case .withheld: return "not measured: " + reasonText
        }
    }

    /// The entry of the result's `lowConfidence` list, or nil at normal confidence.
    public var lowConfidence: LowConfidence? {
        level == .normal ? nil : LowConfidence(measure: measure.rawValue, reason: reasonText)
    }
}
