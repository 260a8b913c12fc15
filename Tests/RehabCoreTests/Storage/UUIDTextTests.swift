import Foundation
import PropertyBased
import Testing

@testable import RehabCore

/// UUID text is read and written as Foundation reads and writes it, without its C formatting.
struct UUIDTextTests {
    /// A UUID made of any 128 bits.
    static let anyUUID = zip(Gen.uint64(), Gen.uint64()).map { high, low in
        UUID(randomBits: (high, low))
    }

    @Test func textIsFoundationsInLowerCase() async {
        let namespace = UUID(
            uuid: (0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))
        #expect(namespace.lowercasedText == "6ba7b811-9dad-11d1-80b4-00c04fd430c8")
        await propertyCheck(count: 300, input: Self.anyUUID) { uuid in
            #expect(uuid.lowercasedText == uuid.uuidString.lowercased())
        }
    }

    @Test func textReadsBackInEitherCase() async {
        await propertyCheck(count: 300, input: Self.anyUUID) { uuid in
            #expect(UUID(canonicalText: uuid.lowercasedText) == uuid)
            #expect(UUID(canonicalText: uuid.uuidString) == uuid)
            #expect(SessionID(uuidString: uuid.uuidString)?.description == uuid.lowercasedText)
        }
    }

    /// Text near the canonical form, one character changed, dropped or added: whatever is accepted, Foundation's
    /// reader accepts as the same UUID; what Foundation alone accepts has what its C scanner takes into a hexadecimal
    /// number (a space, a sign, an `x`), or a NUL where its C string ended.
    @Test func readerAcceptsWhatFoundationAcceptsBarSpaces() async {
        let characters = Gen.element(of: Array("0aF9fG-g x{é😀\u{0}")).map { $0 ?? "0" }
        let edits = zip(Self.anyUUID, Gen.int(in: 0...36), Gen.int(in: 0...2), characters)
        await propertyCheck(count: 1_000, input: edits) { uuid, position, kind, character in
            var text = Array(position.isMultiple(of: 2) ? uuid.uuidString : uuid.lowercasedText)
            let at = min(position, text.count - 1)
            switch kind {
            case 0: text[at] = character
            case 1: text.remove(at: at)
            default: text.insert(character, at: position)
            }
            let edited = String(text)
            let foundations = UUID(uuidString: edited)
            if let read = UUID(canonicalText: edited) {
                #expect(read == foundations, "\(edited)")
            } else if foundations != nil {
                let cQuirk = edited.contains { " xX+\u{0}".contains($0) } || edited.count { $0 == "-" } > 4
                #expect(cQuirk, "\(edited)")
            }
        }
    }

    @Test func decodingRefusesWhatIsNotAUUID() throws {
        let decoder = JSONDecoder()
        let text = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
        #expect(try decoder.decode(PatientID.self, from: Data("\"\(text.uppercased())\"".utf8)).description == text)
        #expect(throws: DecodingError.self) { try decoder.decode(PatientID.self, from: Data("\"6ba7b811\"".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(PatientID.self, from: Data("12".utf8)) }
    }
}
