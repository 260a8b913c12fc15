/// JSON text for the few documents written directly rather than by `JSONEncoder` (which writes the same bytes with
/// `.sortedKeys` and `.withoutEscapingSlashes`).
public enum JSONText {
    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, everything else as it
    /// is.
    public static func append(_ text: String, to json: inout String) {
        json += "\""
        let needsEscaping = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscaping else {
            json += text
            json += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case "\u{08}": json += "\\b"
            case "\u{0C}": json += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
