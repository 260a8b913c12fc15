/// Why a patient needs a look, shown beside their name; decided here once for the API and the pages.
public enum WorklistBadge: String, CaseIterable, Sendable, Codable {
    /// An open urgent or emergency alert.
    case redFlag = "red-flag"
    /// Pain after the latest session in the red zone, or an exercise paused for red pain.
    case painRising = "pain-rising"
    /// Adherence below the catalog's threshold.
    case lowAdherence = "low-adherence"
    /// A measured range of motion behind what the protocol expects by now.
    case rangeBehind = "range-of-motion-behind"
    /// Every criterion of the next phase is met: the move waits for the clinician.
    case phaseGateMet = "phase-gate-met"
    /// Any other open alert (missed sessions, swelling that persists).
    case alert = "open-alert"
}
