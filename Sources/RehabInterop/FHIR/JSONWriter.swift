/// Writes compact JSON into bytes, exactly as Foundation's `JSONEncoder` writes it with the export's options
/// (`[.sortedKeys, .withoutEscapingSlashes]`), for the hand-written encoders of the resources that make up most of
/// a bulk export.
///
/// The writer does not sort: each `write(to:)` names its members in ascending order of their keys' UTF-8 bytes,
/// which is the order `.sortedKeys` gives, and in debug builds the writer stops if one does not. Members whose
/// value is nil are left out, as synthesized `Encodable` conformances leave them out. Strings are escaped as
/// `JSONEncoder` escapes them (RFC 8259: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as
/// `\u00xx`; `/` and non-ASCII text as they are), and numbers are written as it writes them. The tests
/// (`FHIRJSONWriterTests`) compare the bytes with `JSONEncoder`'s for generated values.
struct JSONWriter {
    /// A number JSON cannot hold (NaN or an infinity), which `JSONEncoder` refuses too.
    struct NonFiniteNumber: Error {}

    /// The JSON written so far.
    private(set) var bytes: [UInt8] = []

    #if DEBUG
        /// The last key written in each object being written, innermost last, to check that keys come in order.
        private var lastKeys: [String] = []
    #endif

    /// Starts an empty writer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes a value.
    mutating func value(_ value: some JSONWritable) throws(NonFiniteNumber) {
        try value.write(to: &self)
    }

    /// Writes an object whose members `members` writes with `member(_:_:)`, in ascending order of their keys.
    mutating func object(_ members: (inout JSONWriter) throws(NonFiniteNumber) -> Void) throws(NonFiniteNumber) {
        bytes.append(UInt8(ascii: "{"))
        #if DEBUG
            lastKeys.append("")
            defer { lastKeys.removeLast() }
        #endif
        try members(&self)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes one member of the object being written; nothing when `value` is nil (debug builds check the key's
    /// place in the order all the same). Keys are literals of plain ASCII, written as they are.
    mutating func member(_ key: StaticString, _ value: (some JSONWritable)?) throws(NonFiniteNumber) {
        #if DEBUG
            let name = key.description
            let previous = lastKeys.last ?? ""
            precondition(
                name.utf8.allSatisfy { Self.isPlain($0) && $0 < 0x80 }, "JSON member \"\(name)\" needs escaping")
            precondition(
                previous.isEmpty || previous.utf8.lexicographicallyPrecedes(name.utf8),
                "JSON member \"\(name)\" written after \"\(previous)\": members must come in ascending key order")
            lastKeys[lastKeys.count - 1] = name
        #endif
        guard let value else { return }
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        try value.write(to: &self)
    }

    /// Writes an array of `elements`.
    mutating func array(_ elements: [some JSONWritable]) throws(NonFiniteNumber) {
        bytes.append(UInt8(ascii: "["))
        for element in elements {
            separate()
            try element.write(to: &self)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes JSON written before by a writer, or a piece of it, as it is.
    mutating func raw(_ json: some Collection<UInt8>) {
        bytes.append(contentsOf: json)
    }

    /// Writes punctuation between values written as they are.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes a string in double quotes, escaped.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        // The UTF-8 as one buffer: checked and copied at memory speed, not a byte at a time through an iterator.
        text.withUTF8 { utf8 in
            if utf8.allSatisfy(Self.isPlain) {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 { escaping(byte) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a whole number in decimal, as `JSONEncoder` does (its `description`).
    mutating func number(_ value: Int) {
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Writes a finite number as `JSONEncoder` does: Swift's shortest round-tripping form (`97.5`, `1e-07`,
    /// `1e+16`) without a trailing `.0` (`100`, not `100.0`).
    mutating func number(_ value: Double) throws(NonFiniteNumber) {
        guard value.isFinite else { throw NonFiniteNumber() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes `true` or `false`.
    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// A comma before every member or element of an object or array but its first: the first comes right after
    /// the opening bracket, and no complete value ends in `{` or `[`.
    private mutating func separate() {
        guard let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") else { return }
        bytes.append(UInt8(ascii: ","))
    }

    /// Whether a byte of a string's UTF-8 is written as it is: not a control character, a quote or a backslash.
    /// Bytes of non-ASCII characters are all 0x80 or above, so they pass.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// Lower-case hexadecimal digits, as `JSONEncoder` writes them in `\u00xx`.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes one byte of a string's UTF-8, escaped when it must be.
    private mutating func escaping(_ byte: UInt8) {
        let short: UInt8? =
            switch byte {
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case 0x08: UInt8(ascii: "b")
            case 0x0C: UInt8(ascii: "f")
            case 0x0A: UInt8(ascii: "n")
            case 0x0D: UInt8(ascii: "r")
            case 0x09: UInt8(ascii: "t")
            default: nil
            }
        if let short {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(short)
        } else if byte < 0x20 {
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        } else {
            bytes.append(byte)
        }
    }
}

/// A value that writes itself as JSON.
protocol JSONWritable {
    /// Writes the value to `json`.
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber)
}

extension String: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    func write(to json: inout JSONWriter) { json.number(self) }
}

extension Double: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) { try json.number(self) }
}

extension Bool: JSONWritable {
    func write(to json: inout JSONWriter) { json.bool(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) { try json.array(self) }
}
