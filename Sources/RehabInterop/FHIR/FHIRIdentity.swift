import Foundation

/// Resource ids derived from stored ids, so exporting the same data twice gives the same ids.
///
/// Several resources come from one stored row (a questionnaire response and its score; a session's panel, pain
/// ratings and exercises), so an id is a name-based UUID (RFC 9562 version 5) of the resource's type, what it was
/// made from and the stored id. A UUID is what a Bundle's `urn:uuid:` full URLs need, and a valid FHIR id.
enum FHIRIdentity {
    /// The namespace of every derived id: the version 5 UUID of KneeRehab's FHIR base in the URL namespace.
    static let namespace = nameBased(namespace: urlNamespace, name: FHIRCodes.projectBase)

    /// RFC 9562's namespace for names that are URLs, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
    static let urlNamespace = UUID(
        uuid: (0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))

    /// The id of the resource `name` names, e.g. `Observation/session/<uuid>/pain-after`.
    static func id(_ name: String) -> String {
        text(nameBased(namespace: namespace, name: name))
    }

    /// The UUID's canonical text in lower case (what `uuidString.lowercased()` gives), written digit by digit:
    /// an export makes one per resource and per reference, and `uuidString` formats through C's `sprintf`.
    static func text(_ uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var count = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    text[count] = hexDigits[Int(byte >> 4)]
                    text[count + 1] = hexDigits[Int(byte & 0x0F)]
                    count += 2
                }
                return count
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The version 5 UUID of `name` in `namespace`.
    static func nameBased(namespace: UUID, name: String) -> UUID {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + name.utf8.count)
        withUnsafeBytes(of: namespace.uuid) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: name.utf8)
        var digest = SHA1.hash(bytes)
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7], digest[8],
                digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
            ))
    }
}

/// How one resource points at another: by `urn:uuid:` inside a Bundle, by `Type/id` in bulk NDJSON files.
enum FHIRReferenceStyle: Sendable {
    /// `urn:uuid:<id>`, the entries' full URLs.
    case bundle
    /// `ResourceType/<id>`, as FHIR bulk data files refer to each other.
    case relative

    /// The reference to the resource of `type` with `id`.
    func reference(_ type: String, _ id: String) -> FHIRReference {
        switch self {
        case .bundle: FHIRReference(reference: "urn:uuid:\(id)")
        case .relative: FHIRReference(reference: "\(type)/\(id)")
        }
    }
}

/// SHA-1 (FIPS 180-4), only for name-based UUIDs: RFC 9562 fixes the hash, and here it names, it does not protect.
enum SHA1 {
    /// The 20-byte digest of `message`.
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
        )
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        // The message schedule lives on the stack: an export hashes a name for every resource it writes.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { words in
            for block in stride(from: 0, to: padded.count, by: 64) {
                compress(padded, at: block, words: words, state: &state)
            }
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for word in [state.0, state.1, state.2, state.3, state.4] {
            for shift in stride(from: 24, through: 0, by: -8) {
                digest.append(UInt8(truncatingIfNeeded: word >> shift))
            }
        }
        return digest
    }

    private static func compress(
        _ bytes: [UInt8], at block: Int, words: UnsafeMutableBufferPointer<UInt32>,
        state: inout (UInt32, UInt32, UInt32, UInt32, UInt32)
    ) {
        for index in 0..<16 {
            let offset = block + index * 4
            words[index] =
                UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
                | UInt32(bytes[offset + 3])
        }
        for index in 16..<80 {
            let mixed = words[index - 3] ^ words[index - 8] ^ words[index - 14] ^ words[index - 16]
            words[index] = mixed.rotatedLeft(1)
        }
        var (a, b, c, d, e) = state
        for index in 0..<80 {
            let (f, k): (UInt32, UInt32) =
                switch index {
                case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (b ^ c ^ d, 0xCA62_C1D6)
                }
            let next = a.rotatedLeft(5) &+ f &+ e &+ k &+ words[index]
            (e, d, c, b, a) = (d, c, b.rotatedLeft(30), a, next)
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
}

extension UInt32 {
    fileprivate func rotatedLeft(_ count: UInt32) -> UInt32 { (self << count) | (self >> (32 - count)) }
}
