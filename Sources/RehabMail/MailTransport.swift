/// Something that delivers a message and says what the server answered: `SMTPClient`, or a test's fake.
///
/// The outbox sender depends on this protocol, not on SMTP: it sends, stores the receipt on success, and on a
/// `MailError` retries later when `isPermanent` is false and gives up on the row when it is true.
public protocol MailTransport: Sendable {
    /// Delivers `message` to the envelope's recipients; throws only `MailError`.
    func send(_ message: MailMessage, envelope: MailEnvelope) async throws(MailError) -> DeliveryReceipt
}

extension MailTransport {
    /// Delivers `message` to its `To` recipients, from its `From` address.
    public func send(_ message: MailMessage) async throws(MailError) -> DeliveryReceipt {
        try await send(message, envelope: MailEnvelope(message))
    }
}

/// The SMTP envelope: the address bounces go to (`MAIL FROM`) and who actually receives (`RCPT TO`), which may
/// differ from the headers.
public struct MailEnvelope: Hashable, Sendable {
    /// The reverse path: where bounces go.
    public var sender: MailAddress
    /// The recipients.
    public var recipients: [MailAddress]

    /// Makes an envelope.
    public init(sender: MailAddress, recipients: [MailAddress]) {
        self.sender = sender
        self.recipients = recipients
    }

    /// The envelope the headers imply: from `From`, to every `To`.
    public init(_ message: MailMessage) {
        self.init(sender: message.from, recipients: message.to)
    }
}

/// What the server said when it took the message: usually carries its queue id (`250 2.0.0 Ok: queued as 4F2A…`),
/// worth keeping beside the outbox row to trace a mail through the server's logs.
public struct DeliveryReceipt: Hashable, Sendable {
    /// The reply to the end of DATA.
    public let reply: SMTPReply

    /// Makes a receipt.
    public init(reply: SMTPReply) {
        self.reply = reply
    }

    /// The reply's text, lines joined.
    public var text: String { reply.text }
}
