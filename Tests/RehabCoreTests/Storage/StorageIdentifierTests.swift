import Foundation
import PropertyBased
import Testing

@testable import RehabCore

/// Fresh identifiers are random version 4 UUIDs, made without Foundation's file-per-UUID generator.
struct StorageIdentifierTests {
    /// The 128 bits as two big-endian halves of the UUID's bytes.
    static func halves(_ uuid: UUID) -> (UInt64, UInt64) {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            (bytes.loadUnaligned(as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    @Test func randomBitsKeepEveryBitButTheVersionAndVariant() async {
        await propertyCheck(input: Gen.uint64(), Gen.uint64()) { high, low in
            let uuid = UUID(randomBits: (high, low))
            #expect(uuid.uuid.6 >> 4 == 4, "version 4")
            #expect(uuid.uuid.8 >> 6 == 0b10, "RFC variant")
            let (outHigh, outLow) = Self.halves(uuid)
            // Byte 6's high nibble and byte 8's top two bits are set; the other 122 bits are the input's.
            let versionMask = UInt64(0xF0) << 48, variantMask = UInt64(0xC0)
            #expect(outHigh & ~versionMask == high & ~versionMask)
            #expect(outLow & ~variantMask == low & ~variantMask)
            #expect(UUID(uuidString: uuid.uuidString) == uuid)
        }
    }

    @Test func generatedIdentifiersAreVersion4AndDistinct() {
        let ids = (0..<10_000).map { _ in SessionID.generate() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.rawValue.uuid.6 >> 4 == 4 && $0.rawValue.uuid.8 >> 6 == 0b10 })
        #expect(ids.allSatisfy { SessionID(uuidString: $0.description) == $0 })
        // Each of the 122 random bits is set in some identifier and clear in another.
        let ones = ids.reduce((UInt64(0), UInt64(0))) { seen, id in
            let (high, low) = Self.halves(id.rawValue)
            return (seen.0 | high, seen.1 | low)
        }
        let zeros = ids.reduce((UInt64(0), UInt64(0))) { seen, id in
            let (high, low) = Self.halves(id.rawValue)
            return (seen.0 | ~high, seen.1 | ~low)
        }
        let versionMask = UInt64(0xF0) << 48, variantMask = UInt64(0xC0)
        #expect(ones.0 | versionMask == .max && ones.1 | variantMask == .max)
        #expect(zeros.0 | versionMask == .max && zeros.1 | variantMask == .max)
    }
}
