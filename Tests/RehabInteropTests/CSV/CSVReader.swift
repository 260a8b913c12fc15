/// A strict RFC 4180 reader for the tests: records end in CRLF, fields may be quoted with inner quotes doubled.
///
/// It refuses what the writer must never produce (a bare CR or LF outside quotes, a quote inside a bare field,
/// a last record without its CRLF), so reading a file back also checks how it was written.
enum CSVReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func records(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var index = 0
        var quoted = false
        var fieldStarted = false
        func next(_ offset: Int = 1) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if next() == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                        guard next() == "," || next() == "\r" else {
                            throw Malformed(description: "text after a closing quote")
                        }
                    }
                } else {
                    field.append(scalar)
                }
            } else {
                switch scalar {
                case "\"":
                    guard !fieldStarted else { throw Malformed(description: "a quote inside a bare field") }
                    quoted = true
                    fieldStarted = true
                case ",":
                    record.append(String(field))
                    field = String.UnicodeScalarView()
                    fieldStarted = false
                case "\r":
                    guard next() == "\n" else { throw Malformed(description: "a CR without its LF") }
                    record.append(String(field))
                    records.append(record)
                    record = []
                    field = String.UnicodeScalarView()
                    fieldStarted = false
                    index += 1
                case "\n":
                    throw Malformed(description: "an LF without a CR before it")
                default:
                    field.append(scalar)
                    fieldStarted = true
                }
            }
            index += 1
        }
        guard !quoted else { throw Malformed(description: "a quoted field that never ends") }
        guard record.isEmpty, field.isEmpty, !fieldStarted else {
            throw Malformed(description: "the last record has no CRLF")
        }
        return records
    }

    /// The records after the header as dictionaries by column name; every record must have the header's length.
    static func table(_ text: String) throws -> (header: [String], rows: [[String: String]]) {
        let all = try records(text)
        guard let header = all.first else { throw Malformed(description: "no header") }
        var rows: [[String: String]] = []
        for record in all.dropFirst() {
            guard record.count == header.count else {
                throw Malformed(description: "a record of \(record.count) fields")
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, record)))
        }
        return (header, rows)
    }
}
