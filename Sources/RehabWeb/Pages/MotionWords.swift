import RehabCore
import RehabMotion

/// What the motion analysis tells a patient, in their language: the camera placement before recording and the
/// confidence of each measure after it.
///
/// The analysis decides (which view, which reasons, how sure) and words it in English for its JSON; a page words
/// the same decisions from the page strings, by exercise, view, measure and reason code (`camera_placement_…`,
/// `motion_…`). In English the two wordings are the same, which `MotionWordsTests` holds them to.
struct MotionWords {
    let words: Words

    /// Where to put the phone for an exercise.
    func placement(_ placement: CameraPlacement) -> String {
        words["camera_placement_\(placement.exercise.rawValue)"]
    }

    /// A measure in the patient's words ("knee bend").
    func name(_ measure: ConfidenceMeasure) -> String { words["motion_measure_\(measure.rawValue)"] }

    /// One reason, as a phrase that can follow a number.
    func reason(_ reason: ConfidenceReason) -> String {
        let seen = words["motion_view_\((reason.seen ?? .unknown).rawValue)"]
        switch reason.code {
        case .view: return seen
        case .needsFrontView, .needsSideView:
            let measure = reason.measure.map(name) ?? ""
            return words("motion_reason_\(reason.code.rawValue)", ["measure": measure, "seen": seen])
        default: return words["motion_reason_\(reason.code.rawValue)"]
        }
    }

    /// What a page shows beside a number or instead of it, as `MeasureConfidence.caption` says it in English.
    func caption(_ confidence: MeasureConfidence) -> String {
        let reasons = confidence.reasons.map(reason).joined(separator: "; ")
        switch confidence.level {
        case .normal:
            let error = confidence.uncertaintyDegrees.map { words("motion_about", ["degrees": "\(Int($0.rounded()))"]) }
            return [error, reasons.isEmpty ? nil : reasons].compactMap { $0 }.joined(separator: "; ")
        case .low: return words("motion_less_certain", ["reasons": reasons])
        case .withheld: return words("motion_not_measured", ["reasons": reasons])
        }
    }
}
