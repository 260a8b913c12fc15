/// Where an exercise belongs in a session; sessions run in this order.
public enum ExerciseCategory: String, Codable, CaseIterable, Sendable {
    case warmUp = "warm-up"
    case strength, balance, stretch, recovery

    /// Position in a session: warm-up first, recovery (ice) last.
    public var sessionOrder: Int {
        switch self {
        case .warmUp: 0
        case .strength: 1
        case .balance: 2
        case .stretch: 3
        case .recovery: 4
        }
    }
}

/// One rung of an exercise's ladder: a named variation with its dose.
public struct LadderStep: Codable, Sendable {
    /// The rung's number, 1 for the easiest; written in the data so a clinician can read and check the order.
    public var step: Int
    /// A short name for the variation, e.g. "Step-up, 15 cm step".
    public var name: String
    /// The dose at this step.
    public var dose: Dose
    /// The deepest knee bend this step asks for under body weight, in degrees, when it loads a bent knee.
    public var loadedKneeFlexion: Int?
    /// Where the dose comes from (a section of docs/clinical-sources.md, and the publication or site).
    public var source: String
}

/// A limit on an exercise for some surgeries: not before a week, or only up to some step until a week.
public struct Restriction: Codable, Sendable {
    /// The surgeries or pathways it applies to.
    public var surgeries: [SurgeryKind]
    /// The exercise is left out before this week after surgery.
    public var notBeforeWeek: Int?
    /// Steps above this one are not used until `untilWeek`.
    public var maxStep: Int?
    /// The week from which `maxStep` no longer applies.
    public var untilWeek: Int?
    /// What the patient should know, in plain words.
    public var text: String
    /// Where the limit comes from.
    public var source: String
}

/// A body position from which the web app draws the exercise's illustration.
///
/// Angles are in degrees, measured the way a clinician would: 0° is a straight knee or hip; positive is bent.
public struct KeyPose: Codable, Sendable {
    /// The name of the moment, e.g. "start" or "hold".
    public var name: String
    /// How the body rests: `lying-on-back`, `lying-on-side`, `sitting`, `standing`.
    public var posture: String
    /// Camera view that shows the movement best: `side` or `front`.
    public var view: String
    /// Hip flexion of the exercising leg (front view: abduction, positive outward).
    public var hip: Double
    /// Knee flexion of the exercising leg.
    public var knee: Double
    /// Hip angle of the other leg.
    public var otherHip: Double
    /// Knee angle of the other leg.
    public var otherKnee: Double
    /// Trunk lean from the posture's neutral line.
    public var trunk: Double
}

/// An exercise of the library: what it is, how to do it, how it gets harder or easier, and when not to do it.
///
/// The fields live in one immutable box, so a copy (the engine copies exercises into every plan it reviews) costs
/// one reference count, not one per text and list; setting a field makes a new box. It reads and writes the same
/// JSON as a plain struct of these fields.
public struct Exercise: Codable, Sendable {
    /// The stored fields.
    struct Fields: Codable, Sendable {
        var id: ExerciseID
        var name: String
        var category: ExerciseCategory
        var purpose: String
        var steps: [String]
        var cues: [String]
        var ladder: [LadderStep]
        var restrictions: [Restriction]
        var contraindications: [String]
        var poses: [KeyPose]
        var patientMeasures: MeasurementKind?
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The stable identifier, e.g. `wall-squat`.
    public var id: ExerciseID {
        get { box.fields.id }
        set { update { $0.id = newValue } }
    }
    /// The name a patient sees.
    public var name: String {
        get { box.fields.name }
        set { update { $0.name = newValue } }
    }
    /// Where it belongs in a session.
    public var category: ExerciseCategory {
        get { box.fields.category }
        set { update { $0.category = newValue } }
    }
    /// One sentence on why this exercise helps, in plain words.
    public var purpose: String {
        get { box.fields.purpose }
        set { update { $0.purpose = newValue } }
    }
    /// How to do it, one short instruction per step.
    public var steps: [String] {
        get { box.fields.steps }
        set { update { $0.steps = newValue } }
    }
    /// Alignment and safety cues to keep in mind while doing it.
    public var cues: [String] {
        get { box.fields.cues }
        set { update { $0.cues = newValue } }
    }
    /// Variations from easiest (step 1) to hardest; progression moves one rung at a time.
    public var ladder: [LadderStep] {
        get { box.fields.ladder }
        set { update { $0.ladder = newValue } }
    }
    /// Surgery- and week-dependent limits.
    public var restrictions: [Restriction] {
        get { box.fields.restrictions }
        set { update { $0.restrictions = newValue } }
    }
    /// Conditions in which the exercise should not be done at all.
    public var contraindications: [String] {
        get { box.fields.contraindications }
        set { update { $0.contraindications = newValue } }
    }
    /// Two or more positions for the illustration.
    public var poses: [KeyPose] {
        get { box.fields.poses }
        set { update { $0.poses = newValue } }
    }

    /// A measurement the patient can take on this exercise's screen (the balance timer), if any.
    public var patientMeasures: MeasurementKind? {
        get { box.fields.patientMeasures }
        set { update { $0.patientMeasures = newValue } }
    }

    /// Reads the fields from one JSON (or YAML) object.
    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    /// Writes the fields as one object.
    public func encode(to encoder: any Encoder) throws {
        try box.fields.encode(to: encoder)
    }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }
}
