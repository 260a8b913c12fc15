import Foundation
import RehabCore
import RehabJSON

/// What a session write depends on besides the decoded history: the engine's history version, the patient row's
/// surgery, confirmed phase and discharge, and the current plan revision's number and dose signature.
///
/// Both engines key their record cache by it. A session reviewed at one base may be stored only while the database
/// is still at that base: then the review saw exactly the record the session joins.
package struct WriteBase<Version: Equatable & Sendable>: Equatable, Sendable {
    /// The engine's name for the history (SQLite: newest row ids; PostgreSQL: a counter on the patient row).
    package var version: Version
    /// The patient's surgery.
    package var surgery: Surgery
    /// The clinician-confirmed phase, if any.
    package var phase: String?
    /// The current plan revision's number, nil before the first.
    package var planNumber: Int?
    /// The current plan revision's dose signature.
    package var planSignature: String?
    /// The end of care, while the patient is discharged.
    package var discharge: Discharge?

    /// Makes a base from what an engine read.
    package init(
        version: Version, surgery: Surgery, phase: String?, planNumber: Int?, planSignature: String?,
        discharge: Discharge? = nil
    ) {
        self.discharge = discharge
        self.version = version
        self.surgery = surgery
        self.phase = phase
        self.planNumber = planNumber
        self.planSignature = planSignature
    }

    /// The record made of `history` at this base.
    package func record(_ history: RecordCache<Self>.History) -> PatientRecord {
        PatientRecord(
            surgery: surgery, phase: phase, sessions: history.sessions, checkIns: history.checkIns,
            measurements: history.measurements, prescriptions: history.prescriptions, discharge: discharge)
    }

    /// Reviews `history` with `session` appended: the draft to store with its dose signature (nil when the review
    /// asks for the current revision's doses: storing an identical revision would say nothing new), and the
    /// review's alerts.
    package func review(
        _ session: ExerciseSession, after history: RecordCache<Self>.History,
        by review: (PatientRecord) throws -> SessionReview
    ) throws -> (draft: (draft: PlanDraft, signature: String)?, alerts: [PlanAlert]) {
        let found = try review(StorageCoding.appending(session, to: record(history)))
        guard let draft = found.draft else { return (nil, found.alerts) }
        let signature = draft.plan.doseSignature
        return (signature == planSignature ? nil : (draft, signature), found.alerts)
    }

    /// The base once a session written at this one has committed and moved the history to `version`, with the
    /// number and signature of the plan revision it stored, if any.
    package func next(_ version: Version, storing revision: (number: Int, signature: String)?) -> WriteBase {
        var next = self
        next.version = version
        if let revision {
            next.planNumber = revision.number
            next.planSignature = revision.signature
        }
        return next
    }
}
