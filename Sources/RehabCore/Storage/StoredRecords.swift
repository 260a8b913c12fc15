import Foundation

/// A stored exercise session.
public struct StoredSession: Sendable, Equatable {
    /// The id.
    public var id: SessionID
    /// The patient.
    public var patientID: PatientID
    /// The session as the patient logged it.
    public var session: ExerciseSession
    /// The plan revision in force when it was logged (the revision it fulfils), when any.
    public var planRevision: Int?
    /// A free-text note from the patient; may be long.
    public var note: String?
    /// When it was stored.
    public var createdAt: Date

    /// Makes a value.
    public init(
        id: SessionID, patientID: PatientID, session: ExerciseSession, planRevision: Int?, note: String?,
        createdAt: Date
    ) {
        self.id = id
        self.patientID = patientID
        self.session = session
        self.planRevision = planRevision
        self.note = note
        self.createdAt = createdAt
    }
}

/// A stored check-in with its triage.
public struct StoredCheckIn: Sendable, Equatable {
    /// The id.
    public var id: CheckInID
    /// The patient.
    public var patientID: PatientID
    /// The check-in.
    public var checkIn: CheckIn
    /// Its triage result.
    public var triage: TriageResult
    /// The alert it raised, when its level raises one.
    public var alertID: AlertID?
    /// When it was stored.
    public var createdAt: Date

    /// Makes a value.
    public init(
        id: CheckInID, patientID: PatientID, checkIn: CheckIn, triage: TriageResult, alertID: AlertID?,
        createdAt: Date
    ) {
        self.id = id
        self.patientID = patientID
        self.checkIn = checkIn
        self.triage = triage
        self.alertID = alertID
        self.createdAt = createdAt
    }
}

/// A stored questionnaire response: the answers as given and the score computed from them.
public struct QuestionnaireResponse: Sendable, Equatable {
    /// The id.
    public var id: QuestionnaireResponseID
    /// The patient.
    public var patientID: PatientID
    /// The day answered.
    public var date: CalendarDate
    /// The answers.
    public var answers: QuestionnaireAnswers
    /// The score.
    public var score: QuestionnaireScore
    /// When it was stored.
    public var createdAt: Date

    /// Makes a value.
    public init(
        id: QuestionnaireResponseID, patientID: PatientID, date: CalendarDate, answers: QuestionnaireAnswers,
        score: QuestionnaireScore, createdAt: Date
    ) {
        self.id = id
        self.patientID = patientID
        self.date = date
        self.answers = answers
        self.score = score
        self.createdAt = createdAt
    }

    /// The instrument answered.
    public var instrument: Instrument { score.instrument }
}

/// A stored measurement.
public struct StoredMeasurement: Sendable, Equatable {
    /// The id.
    public var id: MeasurementID
    /// The patient.
    public var patientID: PatientID
    /// The measurement.
    public var measurement: Measurement
    /// When it was stored.
    public var createdAt: Date
    /// Set when it was struck out as entered by mistake; a struck measurement counts for nothing.
    public var strike: MeasurementStrike?

    /// Makes a value.
    public init(
        id: MeasurementID, patientID: PatientID, measurement: Measurement, createdAt: Date,
        strike: MeasurementStrike? = nil
    ) {
        self.id = id
        self.patientID = patientID
        self.measurement = measurement
        self.createdAt = createdAt
        self.strike = strike
    }
}

/// Why and when a measurement was struck out; the measurement itself is kept.
public struct MeasurementStrike: Sendable, Equatable {
    /// The reason given.
    public var reason: String
    /// Who struck it out, when an account did.
    public var by: AccountID?
    /// When.
    public var at: Date

    /// Makes a value.
    public init(reason: String, by: AccountID?, at: Date) {
        self.reason = reason
        self.by = by
        self.at = at
    }

    /// The longest reason accepted.
    public static let reasonMaxLength = 500

    /// Checks a reason a person typed: present, plain text, not too long.
    public static func checkReason(_ reason: String) throws(InvalidInput) {
        if reason.allSatisfy(\.isWhitespace) { throw InvalidInput(field: "reason", problem: "is empty") }
        try TextInput.check(reason, field: "reason", multiline: true)
        if reason.count > reasonMaxLength {
            throw InvalidInput(field: "reason", problem: "must be at most \(reasonMaxLength) characters")
        }
    }
}

/// An alert for the owning clinician, open until someone acknowledges it.
public struct StoredAlert: Sendable, Equatable {
    /// The id.
    public var id: AlertID
    /// The patient.
    public var patientID: PatientID
    /// How urgent it is.
    public var level: AlertLevel
    /// The rule that raised it.
    public var rule: String
    /// The message for the clinician (rule wording, not patient free text).
    public var message: String
    /// When it was raised.
    public var raisedAt: Date
    /// Who acknowledged it, when anyone has.
    public var acknowledgedBy: AccountID?
    /// When it was acknowledged.
    public var acknowledgedAt: Date?

    /// Makes a value.
    public init(
        id: AlertID, patientID: PatientID, level: AlertLevel, rule: String, message: String, raisedAt: Date,
        acknowledgedBy: AccountID? = nil, acknowledgedAt: Date? = nil
    ) {
        self.id = id
        self.patientID = patientID
        self.level = level
        self.rule = rule
        self.message = message
        self.raisedAt = raisedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }

    /// Whether it still waits for a clinician.
    public var isOpen: Bool { acknowledgedAt == nil }
}

/// A new alert to raise.
public struct NewAlert: Sendable {
    /// How urgent it is.
    public var level: AlertLevel
    /// The rule.
    public var rule: String
    /// The message.
    public var message: String

    /// Makes a request.
    public init(level: AlertLevel, rule: String, message: String) {
        self.level = level
        self.rule = rule
        self.message = message
    }
}
