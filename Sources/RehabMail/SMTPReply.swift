/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2), however many lines it spanned.
public struct SMTPReply: Hashable, Sendable {
    /// The reply code, 200–599.
    public let code: Int
    /// The text of each line, without the code and its separator.
    public let lines: [String]

    /// Makes a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The lines joined by a space: what a receipt or a log keeps.
    public var text: String { lines.joined(separator: " ") }

    /// 2xx: the command succeeded.
    public var isSuccess: Bool { (200..<300).contains(code) }
    /// 3xx: the server waits for more (DATA's 354, AUTH's 334).
    public var isIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: refused for now; the same command may succeed later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: refused for good.
    public var isPermanentFailure: Bool { code >= 500 }

    /// The enhanced status code (RFC 3463, e.g. `5.7.8`) at the start of the first line, when there is one.
    public var enhancedStatus: String? {
        guard let first = lines.first?.split(separator: " ", maxSplits: 1).first else { return nil }
        let parts = first.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, ["2", "4", "5"].contains(parts[0]),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigitCharacter) })
        else { return nil }
        return String(first)
    }
}

/// The step of the conversation a reply or a failure belongs to, named as the command on the wire.
public enum SMTPStage: String, Sendable, Hashable, CaseIterable {
    case connect = "connect"
    case greeting = "greeting"
    case ehlo = "EHLO"
    case helo = "HELO"
    case startTLS = "STARTTLS"
    case auth = "AUTH"
    case mailFrom = "MAIL FROM"
    case rcptTo = "RCPT TO"
    case data = "DATA"
    case message = "end of data"
    case quit = "QUIT"
}

extension Character {
    /// An ASCII digit, 0–9.
    var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}
