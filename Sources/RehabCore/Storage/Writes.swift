import Foundation

/// A session to store.
public struct SessionWrite: Sendable {
    /// The id to use.
    public var id: SessionID
    /// The patient.
    public var patientID: PatientID
    /// The session.
    public var session: ExerciseSession
    /// The patient's note, when any.
    public var note: String?
    /// The program's automatic note for the clinician's thread (see `PainfulSessionNote`), stored with the session.
    public var programNote: String?

    /// Makes a write.
    public init(
        id: SessionID = .generate(), patientID: PatientID, session: ExerciseSession, note: String? = nil,
        programNote: String? = nil
    ) {
        self.id = id
        self.patientID = patientID
        self.session = session
        self.note = note
        self.programNote = programNote
    }
}

/// What `recordSession` stored.
public struct RecordedSession: Sendable, Equatable {
    /// The session.
    public var session: StoredSession
    /// The new plan revision, when the review made one.
    public var revision: PlanRevision?
    /// The alerts the committed review's plan raised (the caller opens the new ones).
    public var alerts: [PlanAlert]

    /// Makes a value.
    public init(session: StoredSession, revision: PlanRevision?, alerts: [PlanAlert] = []) {
        self.session = session
        self.revision = revision
        self.alerts = alerts
    }
}

/// What the review inside a session write found: the plan revision to store (nil when no dose changes) and the
/// alerts its plan raised. The store runs the review on the record as stored, and may run it again when another
/// write got in first; what the committed review found comes back in `RecordedSession`.
public struct SessionReview: Sendable, ExpressibleByNilLiteral {
    /// The revision to store, if any.
    public var draft: PlanDraft?
    /// The alerts of the reviewed plan.
    public var alerts: [PlanAlert]

    /// Makes a review.
    public init(draft: PlanDraft?, alerts: [PlanAlert] = []) {
        self.draft = draft
        self.alerts = alerts
    }

    /// No revision and no alerts.
    public init(nilLiteral: ()) { self.init(draft: nil) }
}

/// A check-in to store with its triage.
public struct CheckInWrite: Sendable {
    /// The id to use.
    public var id: CheckInID
    /// The patient.
    public var patientID: PatientID
    /// The check-in.
    public var checkIn: CheckIn
    /// Its triage.
    public var triage: TriageResult

    /// Makes a write.
    public init(id: CheckInID = .generate(), patientID: PatientID, checkIn: CheckIn, triage: TriageResult) {
        self.id = id
        self.patientID = patientID
        self.checkIn = checkIn
        self.triage = triage
    }
}

/// A questionnaire response to store.
public struct QuestionnaireWrite: Sendable {
    /// The id to use.
    public var id: QuestionnaireResponseID
    /// The patient.
    public var patientID: PatientID
    /// The day answered.
    public var date: CalendarDate
    /// The answers.
    public var answers: QuestionnaireAnswers
    /// The score.
    public var score: QuestionnaireScore

    /// Makes a write.
    public init(
        id: QuestionnaireResponseID = .generate(), patientID: PatientID, date: CalendarDate,
        answers: QuestionnaireAnswers, score: QuestionnaireScore
    ) {
        self.id = id
        self.patientID = patientID
        self.date = date
        self.answers = answers
        self.score = score
    }
}
