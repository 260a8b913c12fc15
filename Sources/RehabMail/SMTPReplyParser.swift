/// Gathers reply lines into whole replies: `250-first`, `250-second`, `250 last` make one reply of three lines.
///
/// Pure, so every malformed shape is unit tested: a line must start with three digits, then `-` (more follows),
/// a space or nothing (the last line); every line of one reply carries the same code; a reply has at most
/// `maximumLines` lines so a hostile server cannot grow memory without bound.
public struct SMTPReplyParser: Sendable {
    /// The most lines one reply may have.
    public static let maximumLines = 256

    private var code: Int?
    private var lines: [String] = []

    /// A parser waiting for the first line of a reply.
    public init() {}

    /// Takes one line (without its line break); returns the reply it completes, or nil when more lines follow.
    public mutating func parse(line: String) throws(MailError) -> SMTPReply? {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[0..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let lineCode = Int(String(decoding: utf8[0..<3], as: UTF8.self)), (200...599).contains(lineCode)
        else { throw Self.violation }
        if let code, code != lineCode { throw Self.violation }
        let last: Bool
        switch utf8.count > 3 ? utf8[3] : nil {
        case nil, UInt8(ascii: " "): last = true
        case UInt8(ascii: "-"): last = false
        default: throw Self.violation
        }
        lines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
        code = lineCode
        if last {
            defer { reset() }
            return SMTPReply(code: lineCode, lines: lines)
        }
        guard lines.count < Self.maximumLines else { throw Self.violation }
        return nil
    }

    /// True between the first and the last line of a reply.
    public var isInsideReply: Bool { code != nil }

    private mutating func reset() {
        code = nil
        lines = []
    }

    private static let violation = MailError(.protocolViolation, field: "reply", isPermanent: false)
}
