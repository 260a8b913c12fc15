import Foundation

/// A clinician's patient list: the fields needed to put the patients who need attention first.
public struct PatientListQuery: Sendable, Equatable {
    /// The clinician; only their patients are listed.
    public var clinicianID: AccountID
    /// The catalog's thresholds for red pain and low adherence, which place patients on the list.
    public var policy: WorklistPolicy
    /// The day the list is for (adherence counts the window ending on it).
    public var asOf: CalendarDate
    /// How many days of sessions adherence counts.
    public var adherenceWindowDays: Int
    /// At most this many rows.
    public var limit: Int
    /// Rows to skip, for paging.
    public var offset: Int
    /// False for the worklist: patients in care, and discharged patients with an open urgent or emergency alert
    /// (a red flag is never hidden). True for the discharged patients.
    public var discharged: Bool

    /// Makes a query.
    public init(
        clinicianID: AccountID, policy: WorklistPolicy, asOf: CalendarDate, adherenceWindowDays: Int = 14,
        limit: Int = 500, offset: Int = 0, discharged: Bool = false
    ) {
        self.discharged = discharged
        self.clinicianID = clinicianID
        self.policy = policy
        self.asOf = asOf
        self.adherenceWindowDays = adherenceWindowDays
        self.limit = limit
        self.offset = offset
    }
}

/// One row of a clinician's patient list; `Worklist.ordered` puts the rows in order of danger.
public struct PatientSummary: Sendable, Equatable {
    /// The patient.
    public var id: PatientID
    /// The name.
    public var name: String
    /// The surgery.
    public var surgery: Surgery
    /// Open alerts.
    public var openAlerts: Int
    /// Pain just after the latest session, when the patient gave it.
    public var latestPain: Int?
    /// Days with a session in the adherence window.
    public var sessionDaysInWindow: Int
    /// `sessionDaysInWindow` as a percentage of the window.
    public var adherencePercent: Int
    /// The latest session's day.
    public var lastSessionDate: CalendarDate?
    /// What places the patient on the list, set by `Worklist.ordered`.
    public var concern: WorklistConcern
    /// The day care ended, when the patient is discharged.
    public var dischargedOn: CalendarDate?

    /// Makes a row.
    public init(
        id: PatientID, name: String, surgery: Surgery, openAlerts: Int, latestPain: Int?,
        sessionDaysInWindow: Int, adherencePercent: Int, lastSessionDate: CalendarDate?,
        concern: WorklistConcern = .none, dischargedOn: CalendarDate? = nil
    ) {
        self.dischargedOn = dischargedOn
        self.id = id
        self.name = name
        self.surgery = surgery
        self.openAlerts = openAlerts
        self.latestPain = latestPain
        self.sessionDaysInWindow = sessionDaysInWindow
        self.adherencePercent = adherencePercent
        self.lastSessionDate = lastSessionDate
        self.concern = concern
    }
}
