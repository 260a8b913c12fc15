/// Quoted-printable (RFC 2045 §6.7) for a UTF-8 text body: every byte outside printable ASCII becomes `=XX`,
/// space and tab stay unless they end a line, lines are cut with soft breaks (`=`) at 76 characters, and every line
/// ends in CRLF — so any text travels as 7-bit lines that no server rewraps.
enum QuotedPrintable {
    /// The longest encoded line, soft break included.
    static let maximumLineLength = 76

    /// Encodes `text`, taking CRLF, CR or LF as its line ends; the result ends with CRLF.
    static func encode(_ text: String) -> String {
        var output = ""
        for line in lines(of: text) {
            output += encode(line: line)
            output += "\r\n"
        }
        return output
    }

    /// The text's lines as UTF-8 bytes, split at CRLF, CR or LF.
    static func lines(of text: String) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n") where previous == UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                result.append(current)
                current = []
            default:
                current.append(byte)
            }
            previous = byte
        }
        if !current.isEmpty || result.isEmpty { result.append(current) }
        return result
    }

    /// One line, with soft breaks where it is too long; no line end.
    private static func encode(line: [UInt8]) -> String {
        var output = ""
        var current = ""
        for (index, byte) in line.enumerated() {
            let token = token(for: byte, last: index == line.count - 1)
            let isLast = index == line.count - 1
            // Room for a soft break's `=` unless this token ends the line.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if current.utf8.count + token.utf8.count > limit {
                output += current + "=\r\n"
                current = ""
            }
            current += token
        }
        return output + current
    }

    private static func token(for byte: UInt8, last: Bool) -> String {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            return last ? escape(byte) : String(UnicodeScalar(byte))
        case 33...126 where byte != UInt8(ascii: "="):
            return String(UnicodeScalar(byte))
        default:
            return escape(byte)
        }
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
