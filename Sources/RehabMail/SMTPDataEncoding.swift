/// The bytes sent after DATA: the message with every line that starts with `.` given one more (RFC 5321
/// §4.5.2, so a body line of "." does not end the message early), ending with CRLF, then the `.` line.
enum SMTPDataEncoding {
    /// Dot-stuffs `message` and appends the terminating `.CRLF`.
    static func encode(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !output.isEmpty && !atLineStart { output += Array("\r\n".utf8) }
        output += Array(".\r\n".utf8)
        return output
    }
}
