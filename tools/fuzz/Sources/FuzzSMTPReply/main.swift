import Foundation
import FuzzDriver
import RehabMail

/// What an SMTP server sends back: the bytes arrive in chunks (their size taken from the first byte), are cut into
/// lines and gathered into replies. Any bytes are read or refused with a `MailError`, never a crash, and every
/// reply keeps the parser's limits.
func fuzzSMTPReply(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let chunk = 1 + Int(bytes[0] % 32)
    let stream = Array(bytes.dropFirst())
    var buffer = SMTPLineBuffer()
    var parser = SMTPReplyParser()
    var offset = 0
    do {
        while offset < stream.count {
            let end = min(stream.count, offset + chunk)
            for line in try buffer.append(stream[offset..<end]) {
                precondition(line.utf8.count <= 3 * SMTPLineBuffer.maximumLineLength, "a line over the limit")
                guard let reply = try parser.parse(line: line) else { continue }
                precondition((200...599).contains(reply.code), "a reply code out of range")
                precondition(!reply.lines.isEmpty && reply.lines.count <= SMTPReplyParser.maximumLines, "lines")
            }
            offset = end
        }
    } catch {
        precondition(error.code == .protocolViolation, "an error other than a protocol violation")
    }
    return 0
}

runFuzzer { start, count in fuzzSMTPReply(start, count) }
