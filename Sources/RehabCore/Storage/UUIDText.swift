import Foundation

/// The canonical text form of UUIDs (8-4-4-4-12 hexadecimal digits), read and written here rather than through
/// Foundation, whose `UUID(uuidString:)` reads through C's `sscanf` and whose `uuidString` writes through `sprintf`
/// in upper case: ids are read and written on nearly every request, and an export writes a thousand.
extension UUID {
    /// The canonical text in lower case, what `uuidString.lowercased()` gives.
    public var lowercasedText: String {
        var text: [UInt8] = []
        text.reserveCapacity(36)
        let bytes = [
            uuid.0, uuid.1, uuid.2, uuid.3, uuid.4, uuid.5, uuid.6, uuid.7, uuid.8, uuid.9, uuid.10, uuid.11, uuid.12,
            uuid.13, uuid.14, uuid.15,
        ]
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(Self.hexDigits[Int(byte >> 4)])
            text.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
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

    private static let hexDigits = Array("0123456789abcdef".utf8)

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
