import Foundation
import Testing

@testable import RehabMail

struct QuotedPrintableTests {
    @Test func plainTextStaysReadable() {
        #expect(QuotedPrintable.encode("Hello there.\nSee you.") == "Hello there.\r\nSee you.\r\n")
    }

    @Test func nonASCIIEqualsAndTrailingSpacesAreEscaped() {
        #expect(QuotedPrintable.encode("Señal = 1 \nfin\t") == "Se=C3=B1al =3D 1=20\r\nfin=09\r\n")
    }

    @Test func anyLineEndBecomesCRLF() {
        #expect(QuotedPrintable.encode("a\r\nb\rc\nd\n") == "a\r\nb\r\nc\r\nd\r\n")
        #expect(QuotedPrintable.encode("") == "\r\n")
    }

    @Test(arguments: [
        String(repeating: "a", count: 200), String(repeating: "é", count: 90), String(repeating: "ab ", count: 60),
        String(repeating: "=", count: 77), String(repeating: "x", count: 75) + " ",
        "😀 " + String(repeating: "ñ", count: 50),
        ".starts with a dot\n." + String(repeating: ".", count: 100),
    ])
    func longLinesAreSoftBrokenWithinTheLimitAndDecodeBack(text: String) throws {
        let encoded = QuotedPrintable.encode(text)
        for line in encoded.components(separatedBy: "\r\n").dropLast() {
            #expect(line.utf8.count <= QuotedPrintable.maximumLineLength)
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
        }
        #expect(encoded.utf8.allSatisfy { $0 < 128 })
        #expect(try Self.decode(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    /// A plain decoder (RFC 2045 §6.7) to check the round trip.
    static func decode(_ text: String) throws -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "=") else {
                bytes.append(byte)
                continue
            }
            let next = Array(input.prefix(2))
            if next == Array("\r\n".utf8) {
                input = input.dropFirst(2)
            } else {
                bytes.append(try #require(UInt8(String(decoding: next, as: UTF8.self), radix: 16)))
                input = input.dropFirst(2)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
