/// A mail failure, shaped after SwiftNIO's errors: a small extensible code, the part or stage it concerns, and
/// whether retrying can help. Its description names the field, the SMTP stage and the server's reply code, never
/// an address, a subject, a body or the server's free text (that stays in `reply` for whoever needs it).
public struct MailError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms a caller acts on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A header value holds a line break or another control character, or cannot be written within the
        /// line limits.
        public static let invalidHeader = Code("invalidHeader")
        /// A mail address is not one this client can send to or from (plain ASCII `local@domain`).
        public static let invalidAddress = Code("invalidAddress")
        /// The SMTP URL or another setting is wrong; `field` names the part.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The server could not be reached (refused, unreachable, name not found).
        public static let connectionFailed = Code("connectionFailed")
        /// The server closed the connection before the conversation ended.
        public static let connectionClosed = Code("connectionClosed")
        /// Connecting, or waiting for a reply, took longer than configured.
        public static let timeout = Code("timeout")
        /// The server answered something that is not SMTP.
        public static let protocolViolation = Code("protocolViolation")
        /// The TLS handshake failed, most often because the server's certificate is not trusted or not for this
        /// host; the connection is never used unverified.
        public static let tls = Code("tls")
        /// STARTTLS is required by the configuration but the server does not offer it.
        public static let startTLSUnavailable = Code("startTLSUnavailable")
        /// Credentials are configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
        public static let authenticationUnavailable = Code("authenticationUnavailable")
        /// The server refused the credentials.
        public static let authenticationFailed = Code("authenticationFailed")
        /// The server refused a command with a 4xx (transient) or 5xx (permanent) reply.
        public static let rejected = Code("rejected")

        public var description: String { name }
    }

    /// The code.
    public let code: Code
    /// The part concerned: a header field (`subject`), a URL part (`port`), or an SMTP stage (`RCPT TO`).
    public let field: String
    /// The server's reply, when the failure is one.
    public let reply: SMTPReply?
    /// True when retrying the same message with the same settings will fail the same way (a 5xx reply, refused
    /// credentials, an untrusted certificate, bad input); false when a later attempt may succeed (a 4xx reply,
    /// a refused or dropped connection, a timeout).
    public let isPermanent: Bool

    /// Makes an error; `isPermanent` defaults from the reply's code when there is one.
    public init(_ code: Code, field: String, reply: SMTPReply? = nil, isPermanent: Bool) {
        self.code = code
        self.field = field
        self.reply = reply
        self.isPermanent = isPermanent
    }

    /// An error for a refused command, permanent exactly when the reply is 5xx.
    static func refused(_ code: Code, stage: SMTPStage, reply: SMTPReply) -> MailError {
        MailError(code, field: stage.rawValue, reply: reply, isPermanent: reply.isPermanentFailure)
    }

    public var description: String {
        var text = "mail \(code) (\(field))"
        if let reply {
            text += ": server replied \(reply.code)"
            if let status = reply.enhancedStatus { text += " \(status)" }
        }
        return text + (isPermanent ? ", permanent" : ", transient")
    }
}
