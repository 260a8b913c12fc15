/// A table written as RFC 4180 CSV: a header record, then one record per row, every record ending in CRLF.
///
/// Writing it by hand keeps the module free of dependencies; the rules are few. A field is quoted when it holds a
/// comma, a double quote, a CR or an LF, with inner quotes doubled, and a field that a spreadsheet would run as a
/// formula is defused (see `defused(_:)`).
struct CSVTable {
    /// The column names, in order.
    let columns: [String]
    /// The text written so far.
    private(set) var text = ""

    /// Starts a table with its header record.
    init(columns: [String]) {
        self.columns = columns
        append(columns)
    }

    /// Appends one record; `fields` has one entry per column.
    mutating func append(_ fields: [String]) {
        precondition(fields.count == columns.count, "a record has one field per column")
        for (index, field) in fields.enumerated() {
            if index > 0 { text += "," }
            text += Self.quoted(field)
        }
        text += "\r\n"
    }

    /// The field as RFC 4180 writes it: bare when it can be, else in double quotes with inner quotes doubled.
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Free text that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a CR),
    /// prefixed with an apostrophe so that opening the file never runs it (OWASP's advice on CSV injection).
    ///
    /// Only typed text goes through this (notes, names); numbers keep their sign.
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}
