import Foundation

/// What a mail in the outbox is for. None of them names a diagnosis, symptom, score or exercise: each says only
/// that there is something to look at (or that something changed on the person's own account), with the sign-in
/// link.
///
/// The raw values are what the store keeps.
public enum MailKind: String, Codable, CaseIterable, Sendable {
    /// To the clinician: one of their patients has a new urgent or emergency alert.
    case alertNotice = "alert-notice"
    /// To the patient who asked for reminders: a planned session is not done yet.
    case sessionReminder = "session-reminder"
    /// To the patient who asked for reminders: a gentle note after two days without a check-in.
    case checkInNudge = "check-in-nudge"
    /// To a clinician or admin whose second factor an admin removed (a lost phone): if they did not ask for it,
    /// they can tell the clinic. About an account, not a patient.
    case secondFactorRemoved = "second-factor-removed"

    /// True for the mails a patient chose to get and may stop from the mail itself.
    public var isReminder: Bool { self == .sessionReminder || self == .checkInNudge }

    /// Whether a claimed mail of this kind is still worth sending: a notice while its alert is open, a reminder
    /// while the patient wants reminders, an account's own notice always.
    public func stillApplies(alertOpen: Bool, remindersOn: Bool) -> Bool {
        switch self {
        case .alertNotice: alertOpen
        case .sessionReminder, .checkInNudge: remindersOn
        case .secondFactorRemoved: true
        }
    }
}

/// Where a mail stands. The raw values are what the store keeps.
public enum MailState: String, Codable, CaseIterable, Sendable {
    /// Waiting for its due time (or for a retry).
    case pending
    /// Claimed by a sender, which holds it until its lease ends.
    case sending
    /// Accepted by the SMTP server.
    case sent
    /// Given up: the server refused it for good, or it failed too many times.
    case failed
    /// Not sent because it no longer applied (the alert was already seen, the patient stopped reminders).
    case skipped
}

/// A mail to put in the outbox.
public struct NewOutboxMail: Sendable, Equatable {
    /// The id, which the mail carries as its delivery id.
    public var id: OutboxMailID
    /// What it is for.
    public var kind: MailKind
    /// The patient it concerns, for every kind but an account's own notice.
    public var patientID: PatientID?
    /// The account it concerns and goes to, for an account's own notice (`secondFactorRemoved`).
    public var accountID: AccountID?
    /// For a notice, the alert it announces.
    public var alertID: AlertID?
    /// Makes it at most once: a second mail with the same key is not stored (e.g. one reminder per slot and day).
    public var dedupeKey: String?
    /// The earliest time to send it.
    public var dueAt: Date

    /// Makes a mail to store.
    public init(
        id: OutboxMailID = .generate(), kind: MailKind, patientID: PatientID, alertID: AlertID? = nil,
        dedupeKey: String? = nil, dueAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.patientID = patientID
        self.alertID = alertID
        self.dedupeKey = dedupeKey
        self.dueAt = dueAt
    }

    /// Makes a mail about an account, to that account.
    public init(id: OutboxMailID = .generate(), kind: MailKind, accountID: AccountID, dueAt: Date) {
        self.id = id
        self.kind = kind
        self.accountID = accountID
        self.dueAt = dueAt
    }
}

/// A mail a sender has claimed, with what it needs to address it.
public struct ClaimedMail: Sendable, Equatable {
    /// The id (the delivery id).
    public var id: OutboxMailID
    /// What it is for.
    public var kind: MailKind
    /// The patient it concerns; nil for an account's own notice.
    public var patientID: PatientID?
    /// The recipient's address: the patient's clinician for a notice, the patient for a reminder, the account for
    /// its own notice.
    public var recipientEmail: String
    /// The recipient's name.
    public var recipientName: String
    /// The language to write in (`en`, `es`).
    public var language: String
    /// For a notice, the alert's level.
    public var alertLevel: AlertLevel?
    /// False when the mail no longer applies: its alert was acknowledged, or the patient stopped reminders. An
    /// account's own notice always applies.
    public var stillApplies: Bool
    /// Delivery attempts so far, this one included.
    public var attempts: Int

    /// Makes a value.
    public init(
        id: OutboxMailID, kind: MailKind, patientID: PatientID?, recipientEmail: String, recipientName: String,
        language: String, alertLevel: AlertLevel?, stillApplies: Bool, attempts: Int
    ) {
        self.id = id
        self.kind = kind
        self.patientID = patientID
        self.recipientEmail = recipientEmail
        self.recipientName = recipientName
        self.language = language
        self.alertLevel = alertLevel
        self.stillApplies = stillApplies
        self.attempts = attempts
    }
}

/// How a claimed mail ended this time.
public enum MailOutcome: Sendable, Equatable {
    /// The SMTP server accepted it; its reply (usually with a queue id) is kept.
    case sent(receipt: String)
    /// It failed for now; try again at the given time. The reason is a short code, never the mail's content.
    case retry(at: Date, reason: String)
    /// It failed for good.
    case failed(reason: String)
    /// It no longer applies.
    case skipped(reason: String)
}

/// A stored outbox mail, as the tests and the admin see it.
public struct StoredOutboxMail: Sendable, Equatable {
    /// The id (the delivery id).
    public var id: OutboxMailID
    /// What it is for.
    public var kind: MailKind
    /// The patient it concerns; nil for an account's own notice.
    public var patientID: PatientID?
    /// The account it concerns, for an account's own notice.
    public var accountID: AccountID?
    /// Where it stands.
    public var state: MailState
    /// Delivery attempts so far.
    public var attempts: Int
    /// The SMTP server's reply on acceptance.
    public var receipt: String?
    /// The last failure's short reason.
    public var lastError: String?

    /// Makes a value.
    public init(
        id: OutboxMailID, kind: MailKind, patientID: PatientID?, accountID: AccountID? = nil, state: MailState,
        attempts: Int, receipt: String?, lastError: String?
    ) {
        self.id = id
        self.kind = kind
        self.patientID = patientID
        self.accountID = accountID
        self.state = state
        self.attempts = attempts
        self.receipt = receipt
        self.lastError = lastError
    }
}

/// When to try a failed mail again: 15 s after the first failure, doubling to at most an hour, and giving up after
/// `maximumAttempts` (about a day of trying).
public enum MailRetry {
    /// Attempts before giving up.
    public static let maximumAttempts = 30
    /// The shortest wait.
    public static let firstDelay: TimeInterval = 15
    /// The longest wait.
    public static let longestDelay: TimeInterval = 3600

    /// The wait after the `attempts`-th failed attempt, or nil when it is time to give up.
    public static func delay(afterAttempt attempts: Int) -> TimeInterval? {
        guard attempts < maximumAttempts else { return nil }
        let doubled = firstDelay * pow(2, Double(max(0, attempts - 1)))
        return min(doubled, longestDelay)
    }
}
