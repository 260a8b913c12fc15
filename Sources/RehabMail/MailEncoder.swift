/// Turns a `MailMessage` into the bytes of an RFC 5322 mail: 7-bit, CRLF line ends, lines of at most 78
/// characters, a UTF-8 `text/plain` body in quoted-printable. Pure: the same message gives the same bytes.
///
/// Lines stay within 78 characters except where one unbreakable piece is longer — an address or the unsubscribe
/// link — which then sits alone on a folded line, within RFC 5322's hard limit of 998.
public enum MailEncoder {
    /// The message as bytes, ready for SMTP's DATA (before dot-stuffing, which the client does).
    public static func encode(_ message: MailMessage) throws(MailError) -> [UInt8] {
        guard !message.to.isEmpty else { throw MailError(.invalidAddress, field: "to", isPermanent: true) }
        guard !message.subject.unicodeScalars.contains(where: \.isControl) else {
            throw MailError(.invalidHeader, field: "subject", isPermanent: true)
        }
        var recipients: [String] = []
        for (index, mailbox) in message.to.enumerated() {
            var tokens = HeaderField.mailboxTokens(mailbox)
            if index < message.to.count - 1, let last = tokens.popLast() { tokens.append(last + ",") }
            recipients += tokens
        }
        var fields = [
            HeaderField.fold("Date", [RFC5322Date.format(message.date)]),
            HeaderField.fold("From", HeaderField.mailboxTokens(message.from)),
            HeaderField.fold("To", recipients),
            HeaderField.fold("Subject", HeaderField.textTokens(message.subject)),
            HeaderField.fold("Message-ID", [message.messageID.description]),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            // RFC 3834: automatic mail; vacation responders should not answer it.
            "Auto-Submitted: auto-generated",
        ]
        if let unsubscribe = message.listUnsubscribe {
            fields.append(HeaderField.fold("List-Unsubscribe", ["<\(unsubscribe.url)>"]))
            fields.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        let text = fields.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(message.body)
        return Array(text.utf8)
    }
}
