import Foundation
import RehabCore
import RehabMail

/// How the server sends mail (`serve --smtp … --mail-from …`): the transport, the sender's address and the
/// clinic's name, and the address links in mails point at.
public struct MailSettings: Sendable {
    /// Delivers mail (the SMTP client, or a test's transport).
    public let transport: any MailTransport
    /// The sender, e.g. `Riverside Knee Clinic <rehab@riverside.example>`.
    public let from: MailAddress
    /// The server's public address, e.g. `https://rehab.riverside.example`, without a trailing slash.
    public let publicURL: String

    /// Makes settings.
    public init(transport: any MailTransport, from: MailAddress, publicURL: String) {
        self.transport = transport
        self.from = from
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// The clinic's name, as mails sign off: the sender's display name, else "KneeRehab".
    var clinicName: String { from.displayName ?? "KneeRehab" }
}

/// Writes the outbox's mails. None names a diagnosis, symptom, score or exercise: each says there is something to
/// look at and links to the sign-in page; reminders also carry the one-click link that stops them.
struct MailNotices: Sendable {
    let settings: MailSettings
    let links: ReminderLinks
    let strings: PageStrings
    let now: @Sendable () -> Date

    /// The mail for a claimed outbox row.
    func compose(_ mail: ClaimedMail) async throws -> MailMessage {
        let signIn = settings.publicURL + "/login"
        // Clinicians and admins read English; a patient's reminders follow the language they chose.
        let words = strings.words(mail.kind.isReminder ? Language(rawValue: mail.language) ?? .english : .english)
        let clinic = ["clinic": settings.clinicName]
        let greeting = words("mail_hello", ["name": mail.recipientName])
        let subject: String
        var lines: [String]
        var stop: String?
        switch mail.kind {
        case .alertNotice:
            let level = mail.alertLevel == .emergency ? "emergency" : "urgent"
            subject = "You have a new \(level) alert in KneeRehab"
            lines = [
                greeting, "", "One of your patients has a new \(level) alert in KneeRehab.",
                "Please sign in to see it:", signIn,
            ]
        case .sessionReminder:
            subject = words("mail_reminder_subject", clinic)
            lines = [greeting, "", words["mail_reminder_text"], signIn]
        case .checkInNudge:
            subject = words("mail_nudge_subject", clinic)
            lines = [greeting, "", words["mail_nudge_text"], signIn]
        case .secondFactorRemoved:
            subject = "The second factor of your KneeRehab account was removed"
            lines = [
                greeting, "",
                "An admin at \(settings.clinicName) removed the second factor (the authenticator app on your phone) "
                    + "from your KneeRehab account, as is done when a phone is lost.",
                "Every sign-in of yours has ended: sign in again with your password and set up your app again.", "",
                "If you did not ask for this, tell your clinic's admin today.", signIn,
            ]
        }
        if mail.kind.isReminder, let patient = mail.patientID {
            let path = settings.publicURL + (try await links.stopPath(for: patient))
            stop = path
            lines += ["", words["mail_stop"], path]
        }
        lines += ["", words["mail_private"], "", settings.clinicName]
        return MailMessage(
            from: settings.from,
            to: [try MailAddress(mail.recipientEmail, displayName: mail.recipientName, field: "to")],
            subject: subject, body: lines.joined(separator: "\n"), date: now(),
            messageID: try MailMessageID(id: mail.id.description, domain: String(settings.from.domain)),
            listUnsubscribe: try stop.flatMap { $0.hasPrefix("https://") ? try ListUnsubscribe(url: $0) : nil })
    }
}
