import Foundation

/// A plain-text mail, ready to encode: who from and to, the subject, the body, the date it is sent and an id.
///
/// Addresses and ids are checked when they are made; the subject is checked when the message is encoded
/// (`MailEncoder`), which refuses control characters in it.
public struct MailMessage: Hashable, Sendable {
    /// The sender, e.g. the clinic's configured address and name.
    public var from: MailAddress
    /// The recipients (at least one).
    public var to: [MailAddress]
    /// The subject; any text without control characters, encoded when not ASCII.
    public var subject: String
    /// The body, plain text; any line ends; encoded quoted-printable so any text travels 7-bit safe.
    public var body: String
    /// The moment written in the `Date` header (injected, never read from a clock here).
    public var date: Date
    /// The `Message-ID`.
    public var messageID: MailMessageID
    /// The one-click unsubscribe link of a reminder; nil for mails one cannot unsubscribe from (alert notices).
    public var listUnsubscribe: ListUnsubscribe?

    /// Makes a message.
    public init(
        from: MailAddress, to: [MailAddress], subject: String, body: String, date: Date, messageID: MailMessageID,
        listUnsubscribe: ListUnsubscribe? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.listUnsubscribe = listUnsubscribe
    }
}
