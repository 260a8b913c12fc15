/// The lexical rules of iCalendar (RFC 5545 §3.1–3.3): content lines, folding, TEXT escaping and parameter
/// quoting.
///
/// Public so that other writers of iCalendar in the project share one correct implementation.
public enum ICalendarText {
    /// The longest physical line, in octets, not counting its CRLF (RFC 5545 §3.1).
    public static let maximumLineOctets = 75

    /// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash; a line break
    /// (LF, CRLF or a lone CR) becomes `\n`.
    ///
    /// Other control characters cannot appear in TEXT at all and are left out; a tab is kept.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case ";": out.append(contentsOf: "\\;".unicodeScalars)
            case ",": out.append(contentsOf: "\\,".unicodeScalars)
            case "\r": out.append(contentsOf: "\\n".unicodeScalars)
            case "\n": if !afterCR { out.append(contentsOf: "\\n".unicodeScalars) }
            case "\t": out.append(scalar)
            default: if !isControl(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// The text as iCalendar can carry it: line breaks as LF, other control characters but tab left out.
    /// `escape` followed by unescaping gives exactly this.
    public static func representable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\r": out.append("\n")
            case "\n": if !afterCR { out.append(scalar) }
            case "\t": out.append(scalar)
            default: if !isControl(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// A parameter value (RFC 5545 §3.2): bare when it holds none of `;` `:` `,`, else in double quotes.
    /// Double quotes and control characters cannot appear in a parameter value and are left out.
    public static func parameterValue(_ value: String) -> String {
        let safe = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\"" && !isControl($0) }))
        return safe.unicodeScalars.contains { $0 == ";" || $0 == ":" || $0 == "," } ? "\"\(safe)\"" : safe
    }

    /// One content line, `NAME;PARAM=VALUE:value`, folded and ended with CRLF; `value` is written as given
    /// (escape TEXT values first).
    public static func contentLine(_ name: String, parameters: [(String, String)] = [], value: String) -> String {
        var line = name
        for (parameter, parameterValue) in parameters {
            line += ";\(parameter)=\(Self.parameterValue(parameterValue))"
        }
        return fold(line + ":" + value)
    }

    /// A logical line folded into physical lines of at most 75 octets, each ended with CRLF; every continuation
    /// line starts with one space (RFC 5545 §3.1).
    ///
    /// Lines break between Unicode scalars, so a multi-octet UTF-8 character is never split. The line must not
    /// hold a CR or LF of its own (escaped TEXT never does).
    public static func fold(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > maximumLineOctets {
                out.append(contentsOf: "\r\n ".unicodeScalars)
                octets = 1
            }
            out.append(scalar)
            octets += width
        }
        out.append(contentsOf: "\r\n".unicodeScalars)
        return String(out)
    }

    /// CONTROL of RFC 5545 §3.1: U+0000–U+0008, U+000A–U+001F and U+007F (a tab is not one).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }
}
