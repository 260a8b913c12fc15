import Foundation

/// The JSON pieces the direct document readers share: a cursor over raw bytes that reads values in the plain shape
/// the stores write them (whole numbers as plain digits, text without escapes) and gives nil for anything else,
/// leaving that document to the generic decoder, which then also names any error.
struct PlainJSONReader {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The value `value` reads from the whole of `data`, nil when it reads none or anything but blanks follows.
    static func document<Value>(_ data: Data, _ value: (inout PlainJSONReader) -> Value?) -> Value? {
        data.withUnsafeBytes { bytes in
            var reader = PlainJSONReader(bytes)
            return reader.whole(value)
        }
    }

    /// The same for a document in text.
    static func document<Value>(_ text: String, _ value: (inout PlainJSONReader) -> Value?) -> Value? {
        var text = text
        return text.withUTF8 { utf8 in
            var reader = PlainJSONReader(UnsafeRawBufferPointer(utf8))
            return reader.whole(value)
        }
    }

    private mutating func whole<Value>(_ value: (inout PlainJSONReader) -> Value?) -> Value? {
        skipBlanks()
        guard let read = value(&self) else { return nil }
        skipBlanks()
        return index == bytes.count ? read : nil
    }

    /// Which keys of an object have been read: each may come once.
    struct Keys {
        private var bits: UInt16 = 0

        /// Marks key `number` as read; false when it already was.
        mutating func first(_ number: Int) -> Bool {
            let bit: UInt16 = 1 << number
            defer { bits |= bit }
            return bits & bit == 0
        }

        /// Whether key `number` has been read.
        func contains(_ number: Int) -> Bool { bits & (1 << number) != 0 }
    }

    // MARK: - Values

    /// An object: `member` reads each key's value and says whether it could.
    mutating func object(_ member: (String, inout PlainJSONReader) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            skipBlanks()
            guard let key = string(), take(UInt8(ascii: ":")) else { return false }
            skipBlanks()
            guard member(key, &self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// An array whose elements `element` reads.
    mutating func array<Element>(_ element: (inout PlainJSONReader) -> Element?) -> [Element]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        if take(UInt8(ascii: "]")) { return elements }
        repeat {
            skipBlanks()
            guard let next = element(&self) else { return nil }
            elements.append(next)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? elements : nil
    }

    /// Text between quotes, when it holds no escape and no control character and is valid UTF-8.
    mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        var ascii = true
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20, bytes[end] != UInt8(ascii: "\\") else { return nil }
            ascii = ascii && bytes[end] < 0x80
            end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        // ASCII is valid UTF-8 as it is, and most stored text is ASCII; the validating reader costs more.
        return ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
    }

    /// A whole number written as plain digits (no fraction, no exponent, no leading zero).
    mutating func int() -> Int? {
        let start = index
        let negative = take(UInt8(ascii: "-"), skippingBlanks: false)
        let digits = index
        var value = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdding) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow, !overflowAdding else { return nil }
            value = sum
            index += 1
        }
        let count = index - digits
        guard count > 0, count == 1 || bytes[digits] != UInt8(ascii: "0"), !continuesNumber else {
            index = start
            return nil
        }
        return negative ? -value : value
    }

    /// A finite number in JSON's grammar, read as `Double` reads it.
    mutating func double() -> Double? {
        let start = index
        _ = take(UInt8(ascii: "-"), skippingBlanks: false)
        let integer = digitRun()
        guard integer > 0, integer == 1 || bytes[index - integer] != UInt8(ascii: "0") else { return nil }
        if take(UInt8(ascii: "."), skippingBlanks: false), digitRun() == 0 { return nil }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digitRun() > 0 else { return nil }
        }
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self),
            let value = Double(text), value.isFinite
        else { return nil }
        // A zero written with an exponent or a digit other than 0 is too small for a Double or written with an
        // exponent Foundation's decoder treats unevenly (it refuses `0e5` and reads `0e-999`): declined, so the
        // generic decoder decides and the two never disagree.
        guard
            value != 0
                || text.utf8.allSatisfy({
                    $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
                })
        else { return nil }
        return value
    }

    /// Reads `null` if it is next.
    mutating func null() -> Bool { literal("null") }

    /// `true` or `false`.
    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// Reads a whole number or `null` into `value`; false when neither is next.
    mutating func optionalInt(into value: inout Int?) -> Bool {
        if null() { return true }
        guard let number = int() else { return false }
        value = number
        return true
    }

    /// Reads `true`, `false` or `null` into `value`; false when none is next.
    mutating func optionalBool(into value: inout Bool?) -> Bool {
        if null() { return true }
        value = bool()
        return value != nil
    }

    /// Reads a finite number or `null` into `value`; false when neither is next.
    mutating func optionalDouble(into value: inout Double?) -> Bool {
        if null() { return true }
        value = double()
        return value != nil
    }

    /// Reads one of an enumeration's words or `null` into `value`; false when neither is next.
    mutating func optionalWord<Word: RawRepresentable>(into value: inout Word?) -> Bool where Word.RawValue == String {
        if null() { return true }
        value = string().flatMap(Word.init(rawValue:))
        return value != nil
    }

    // MARK: - Bytes

    private var continuesNumber: Bool {
        guard index < bytes.count else { return false }
        let next = bytes[index]
        return next == UInt8(ascii: ".") || next | 0x20 == UInt8(ascii: "e")
    }

    private mutating func digitRun() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Skips JSON's blanks, then reads `byte` if it is next.
    private mutating func take(_ byte: UInt8, skippingBlanks: Bool = true) -> Bool {
        if skippingBlanks { skipBlanks() }
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipBlanks() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
