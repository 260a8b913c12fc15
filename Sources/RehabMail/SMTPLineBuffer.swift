/// Cuts the bytes a server sends into lines ended by CRLF (a bare LF is accepted too), keeping a partial line
/// until the rest arrives, and refusing a line longer than `maximumLineLength` so memory stays bounded.
public struct SMTPLineBuffer: Sendable {
    /// The longest line accepted, in bytes; RFC 5321 allows 512 for a reply line, servers sometimes exceed it.
    public static let maximumLineLength = 4096

    private var pending: [UInt8] = []

    /// An empty buffer.
    public init() {}

    /// Adds bytes and returns every line they complete, in order, without their line breaks.
    public mutating func append(_ bytes: some Sequence<UInt8>) throws(MailError) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else {
                guard pending.count < Self.maximumLineLength else {
                    throw MailError(.protocolViolation, field: "reply", isPermanent: false)
                }
                pending.append(byte)
            }
        }
        return lines
    }

    /// True when part of a line is waiting for its end.
    public var hasPartialLine: Bool { !pending.isEmpty }
}
