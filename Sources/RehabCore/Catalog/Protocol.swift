/// A measurable condition for entering a phase (range of motion, swelling, pain, balance, symmetry).
public struct Criterion: Codable, Sendable {
    /// What is measured and in which direction the limit works.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case kneeFlexionMin = "knee-flexion-min"
        case kneeExtensionDeficitMax = "knee-extension-deficit-max"
        case extensorLagMax = "extensor-lag-max"
        case swellingMax = "swelling-max"
        case painMax = "pain-max"
        case balanceSecondsMin = "balance-seconds-min"
        case limbSymmetryMin = "limb-symmetry-min"
    }

    /// The kind of criterion.
    public var kind: Kind
    /// The limit in degrees, points, seconds or percent (every kind but `swelling-max`).
    public var value: Double?
    /// The worst swelling allowed, for `swelling-max`.
    public var swelling: Swelling?
    /// The measurement compared between legs, for `limb-symmetry-min`.
    public var measure: MeasurementKind?
    /// Where the limit comes from.
    public var source: String
}

/// A precaution shown with a phase's plan.
public struct Precaution: Codable, Sendable {
    /// The precaution in plain words.
    public var text: String
    /// Where it comes from.
    public var source: String
}

/// An exercise of a phase with the ladder step it starts at.
public struct PhaseExercise: Codable, Sendable {
    /// The exercise.
    public var id: ExerciseID
    /// The ladder step (1-based) a patient starts this phase at.
    public var step: Int
}

/// A protocol-wide limit on how far a bent knee may be loaded, until a week after surgery.
public struct LoadedFlexionLimit: Codable, Sendable {
    /// The deepest loaded knee bend allowed, in degrees.
    public var degrees: Int
    /// The week from which the limit no longer applies.
    public var untilWeek: Int
    /// The limit in plain words.
    public var text: String
    /// Where it comes from.
    public var source: String
}

/// One stage of recovery: typical weeks, goals, criteria to enter it, exercises and precautions.
public struct Phase: Codable, Sendable {
    /// Stable identifier, e.g. `tkr-2`.
    public var id: String
    /// The phase's name for a patient.
    public var name: String
    /// First week after surgery (0-based) at which the phase may start.
    public var fromWeek: Int
    /// The week the phase typically ends (exclusive); absent for the last phase.
    public var toWeek: Int?
    /// What this phase aims for.
    public var goals: [String]
    /// What must be true before moving into this phase (empty for the first).
    public var entryCriteria: [Criterion]
    /// The exercises of the phase with their starting steps.
    public var exercises: [PhaseExercise]
    /// Phase-specific precautions.
    public var precautions: [Precaution]
    /// Exercise sessions asked for per day.
    public var sessionsPerDay: Int
    /// Days per week with sessions.
    public var daysPerWeek: Int
    /// Where the phase's timing and content come from.
    public var source: String

    /// Sessions prescribed in a full week, the denominator of adherence.
    public var sessionsPerWeek: Int { sessionsPerDay * daysPerWeek }
}

/// The rehabilitation protocol for one surgery or pathway.
public struct RehabProtocol: Codable, Sendable {
    /// The surgery or pathway.
    public var kind: SurgeryKind
    /// The protocol's name.
    public var name: String
    /// A short description for clinicians.
    public var summary: String
    /// Loaded-flexion limits that apply to every phase.
    public var loadedFlexionLimits: [LoadedFlexionLimit]
    /// The phases in order.
    public var phases: [Phase]
    /// The sources the protocol is built from.
    public var sources: [String]
}
