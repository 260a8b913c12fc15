/// What an audit entry records: each read or write of health data the stores log, by a stable name.
///
/// The names are what the audit log stores; `AuditActionTests` fixes them, since an audit trail is read for years.
/// A struct rather than an enum so that entries an earlier version wrote under other names still read back.
public struct AuditAction: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The stored name, e.g. `session.create`.
    public let rawValue: String

    /// An action by its stored name.
    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// An account was added.
    public static let accountCreate = AuditAction(rawValue: "account.create")
    /// An account's password was set.
    public static let accountPassword = AuditAction(rawValue: "account.password")
    /// A patient claimed their invite.
    public static let inviteClaim = AuditAction(rawValue: "invite.claim")
    /// A signed-in person changed their own password; their other sign-ins ended.
    public static let passwordChange = AuditAction(rawValue: "password.change")
    /// A signed-in person ended every sign-in of their account.
    public static let signOutEverywhere = AuditAction(rawValue: "signin.end-all")
    /// A clinician gave a patient a new invite: the old password and every sign-in stopped working.
    public static let inviteReissue = AuditAction(rawValue: "invite.reissue")
    /// A patient was added.
    public static let patientCreate = AuditAction(rawValue: "patient.create")
    /// A plan revision was stored.
    public static let planRevise = AuditAction(rawValue: "plan.revise")
    /// A clinician changed the program (doses, swaps, phase).
    public static let planChange = AuditAction(rawValue: "plan.change")
    /// A patient's data was exported (FHIR, CSV, calendar, a report).
    public static let recordExport = AuditAction(rawValue: "record.export")
    /// A patient's whole record was read.
    public static let recordRead = AuditAction(rawValue: "record.read")
    /// An exercise session was stored.
    public static let sessionCreate = AuditAction(rawValue: "session.create")
    /// A daily check-in was stored.
    public static let checkInCreate = AuditAction(rawValue: "checkin.create")
    /// A questionnaire response was stored.
    public static let questionnaireCreate = AuditAction(rawValue: "questionnaire.create")
    /// A measurement was stored.
    public static let measurementCreate = AuditAction(rawValue: "measurement.create")
    /// A measurement entered by mistake was struck out, with a reason.
    public static let measurementStrike = AuditAction(rawValue: "measurement.strike")
    /// A patient was discharged: the episode of care ended.
    public static let patientDischarge = AuditAction(rawValue: "patient.discharge")
    /// A discharged patient's care was reopened.
    public static let patientReopen = AuditAction(rawValue: "patient.reopen")
    /// A patient was handed to another clinician.
    public static let patientReassign = AuditAction(rawValue: "patient.reassign")
    /// A clinician logged time spent on a patient's remote monitoring.
    public static let timeLog = AuditAction(rawValue: "time.log")
    /// The surgery's kind, side or date was corrected.
    public static let surgeryCorrect = AuditAction(rawValue: "surgery.correct")
    /// An alert was raised.
    public static let alertRaise = AuditAction(rawValue: "alert.raise")
    /// An alert was acknowledged.
    public static let alertAcknowledge = AuditAction(rawValue: "alert.acknowledge")

    /// A message was written in a patient's thread.
    public static let messageCreate = AuditAction(rawValue: "message.create")
    /// A patient's thread was read.
    public static let messageRead = AuditAction(rawValue: "message.read")
    /// A patient turned reminders by mail on or off.
    public static let remindersChange = AuditAction(rawValue: "reminders.change")
    /// A clinician or admin enrolled a second factor (or replaced theirs), with fresh recovery codes.
    public static let secondFactorEnrol = AuditAction(rawValue: "second-factor.enrol")
    /// A recovery code was spent in place of a second-factor code.
    public static let recoveryCodeUse = AuditAction(rawValue: "second-factor.recovery-code")
    /// An admin made the second factor compulsory for staff, or optional again.
    public static let secondFactorSetting = AuditAction(rawValue: "second-factor.setting")
    /// An admin or the server's operator removed an account's second factor (a lost phone without recovery codes).
    public static let secondFactorRemove = AuditAction(rawValue: "second-factor.remove")

    /// Every action this version writes.
    public static let written: [AuditAction] = [
        .accountCreate,
        .accountPassword,
        .inviteClaim,
        .passwordChange,
        .signOutEverywhere,
        .inviteReissue,
        .patientCreate,
        .planRevise,
        .planChange,
        .recordRead,
        .sessionCreate,
        .checkInCreate,
        .questionnaireCreate,
        .measurementCreate,
        .measurementStrike,
        .patientDischarge,
        .patientReopen,
        .patientReassign,
        .surgeryCorrect,
        .timeLog,
        .recordExport,
        .alertRaise,
        .alertAcknowledge,
        .messageCreate,
        .messageRead,
        .remindersChange,
        .secondFactorEnrol,
        .recoveryCodeUse,
        .secondFactorSetting,
        .secondFactorRemove,
    ]
}
