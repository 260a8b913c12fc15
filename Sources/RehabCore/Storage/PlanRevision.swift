import Foundation

/// Who made a plan revision: a clinician by hand, or a named rule of the progression engine.
public enum PlanAuthor: Hashable, Sendable {
    /// A clinician's account.
    case clinician(AccountID)
    /// A rule, e.g. `progression-engine`.
    case rule(String)
}

/// One version of a patient's plan. Revisions are never edited: a change is a new revision whose `previous` is
/// the one it replaces, as in CareKit's versioned tasks.
public struct PlanRevision: Sendable, Equatable {
    /// The id.
    public var id: PlanRevisionID
    /// The patient.
    public var patientID: PatientID
    /// 1 for the first plan, then one more for each revision.
    public var number: Int
    /// The number of the revision this one replaces; nil for the first.
    public var previous: Int?
    /// The first day the plan applies.
    public var effectiveDate: CalendarDate
    /// Who made it.
    public var author: PlanAuthor
    /// Why it changed, in a clinician's or the engine's words.
    public var reason: String
    /// The plan.
    public var plan: Plan
    /// When it was stored.
    public var createdAt: Date

    /// Makes a revision value.
    public init(
        id: PlanRevisionID, patientID: PatientID, number: Int, previous: Int?, effectiveDate: CalendarDate,
        author: PlanAuthor, reason: String, plan: Plan, createdAt: Date
    ) {
        self.id = id
        self.patientID = patientID
        self.number = number
        self.previous = previous
        self.effectiveDate = effectiveDate
        self.author = author
        self.reason = reason
        self.plan = plan
        self.createdAt = createdAt
    }
}

/// A plan to store as the next revision; the store assigns the number and the previous link.
public struct PlanDraft: Sendable {
    /// The first day the plan applies.
    public var effectiveDate: CalendarDate
    /// Who made it.
    public var author: PlanAuthor
    /// Why it changed.
    public var reason: String
    /// The plan.
    public var plan: Plan

    /// Makes a draft.
    public init(effectiveDate: CalendarDate, author: PlanAuthor, reason: String, plan: Plan) {
        self.effectiveDate = effectiveDate
        self.author = author
        self.reason = reason
        self.plan = plan
    }
}

extension PlanAuthor {
    /// The stored form: `clinician:<uuid>` or `rule:<name>`.
    public var storedValue: String {
        switch self {
        case .clinician(let id): "clinician:\(id)"
        case .rule(let name): "rule:\(name)"
        }
    }

    /// Parses the stored form.
    public init?(storedValue: String) {
        if storedValue.hasPrefix("clinician:"), let id = AccountID(uuidString: String(storedValue.dropFirst(10))) {
            self = .clinician(id)
        } else if storedValue.hasPrefix("rule:") {
            self = .rule(String(storedValue.dropFirst(5)))
        } else {
            return nil
        }
    }

    /// The clinician's account, when a clinician wrote it.
    public var clinicianID: AccountID? {
        if case .clinician(let id) = self { return id }
        return nil
    }
}

/// What a clinician changes in a patient's program: dose edits, additions and removals, the phase, a corrected
/// surgery, or the end (or reopening) of the episode of care. Each is stored with a new plan revision.
public struct ProgramChange: Sendable, Equatable {
    /// Prescriptions to add to the record.
    public var prescriptions: [Prescription]
    /// The phase to confirm, when the change moves the patient on (or back).
    public var confirmPhase: String?
    /// The corrected surgery (kind, side, date). A new kind clears the confirmed phase, which named a phase of
    /// the old protocol.
    public var surgery: Surgery?
    /// The end of care, or its reopening.
    public var episode: EpisodeChange?

    /// Ends or reopens an episode of care.
    public enum EpisodeChange: Sendable, Equatable {
        /// The patient is discharged with a home program to keep.
        case discharge(Discharge)
        /// Care starts again where it stopped.
        case reopen
    }

    /// Makes a change.
    public init(
        prescriptions: [Prescription] = [], confirmPhase: String? = nil, surgery: Surgery? = nil,
        episode: EpisodeChange? = nil
    ) {
        self.prescriptions = prescriptions
        self.confirmPhase = confirmPhase
        self.surgery = surgery
        self.episode = episode
    }

    /// The audit action that names this change best.
    public var auditAction: AuditAction {
        switch episode {
        case .discharge: .patientDischarge
        case .reopen: .patientReopen
        case nil: surgery == nil ? .planChange : .surgeryCorrect
        }
    }
}
