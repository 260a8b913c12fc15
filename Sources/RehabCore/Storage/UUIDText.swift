import Foundation

/// The canonical text form of UUIDs (8-4-4-4-12 hexadecimal digits), read and written here rather than through
/// Foundation, whose `UUID(uuidString:)` reads through C's `sscanf` and whose `uuidString` writes through `sprintf`
/// in upper case: ids are read and written on nearly every request, and an export writes a thousand.
extension UUID {
    /// The canonical text in lower case, what `uuidString.lowercased()` gives.
    public var lowercasedText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var end = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[end] = UInt8(ascii: "-")
                        end += 1
                    }
                    text[end] = Self.hexDigit(byte >> 4)
                    text[end + 1] = Self.hexDigit(byte & 0x0F)
                    end += 2
                }
                return end
            }
        }
    }

    /// Reads the canonical text, in either case; nil for anything else. It accepts what `UUID(uuidString:)`
    /// accepts except what that reader's C scanner also lets in: spaces, signs, `0x` and a trailing NUL (the tests
    /// compare the two).
    public init?(canonicalText text: String) {
        guard text.utf8.count == 36 else { return nil }
        // The 32 digits as two numbers of 16, most significant first.
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        for (index, character) in text.utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard character == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let value = Self.hexValue(character) else { return nil }
            if digits < 16 { high = high << 4 | value } else { low = low << 4 | value }
            digits += 1
        }
        func byte(_ half: UInt64, _ index: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: half >> (56 - 8 * index)) }
        self.init(
            uuid: (
                byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5),
                byte(high, 6), byte(high, 7), byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4),
                byte(low, 5), byte(low, 6), byte(low, 7)
            ))
    }

    /// The lower-case hexadecimal digit of a value 0–15.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// The value of one hexadecimal digit, in either case.
    private static func hexValue(_ character: UInt8) -> UInt64? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(character - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(character - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(character - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
