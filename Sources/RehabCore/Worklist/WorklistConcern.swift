/// Why a patient stands where they do on the clinician's worklist, most dangerous first.
///
/// Red flags always win: one open emergency alert puts a patient above any number of pain alerts. The cases are
/// declared in the list's order, and the raw values are the names the API shows (`WorklistTests` fixes both).
public enum WorklistConcern: String, CaseIterable, Comparable, Codable, Sendable {
    /// An open emergency alert.
    case emergency
    /// An open urgent alert.
    case urgent
    /// An exercise paused because it hurt in the red zone session after session.
    case exercisePaused = "exercise-paused"
    /// Pain after the latest session in the red zone.
    case painRising = "pain-rising"
    /// An open alert that asks the clinician to get in touch (missed sessions, swelling that persists, …).
    case contactClinician = "contact-clinician"
    /// Every criterion of the next phase is met; the move waits for the clinician.
    case phaseGateMet = "phase-gate-met"
    /// Adherence below the catalog's threshold.
    case lowAdherence = "low-adherence"
    /// Nothing above: the tie-breakers alone decide.
    case none

    /// The place in the list's order: 0 for the most dangerous.
    public var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }

    /// The more dangerous concern is the lesser, so it sorts first.
    public static func < (lhs: WorklistConcern, rhs: WorklistConcern) -> Bool { lhs.rank < rhs.rank }
}
