import Foundation
import PropertyBased
import Testing

@testable import RehabInterop

/// Derived ids: SHA-1 against the FIPS 180 examples, name-based UUIDs against RFC 9562's example, and the id text
/// against Foundation's.
struct FHIRIdentityTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static let digests: [(String, String)] = [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        ),
        (String(repeating: "a", count: 55), "c1c8bbdc22796e28c0e15163d20899b65621d65a"),
        (String(repeating: "a", count: 64), "0098ba824b5c16427bd7a1122a5a442a25ec644d"),
        (String(repeating: "a", count: 1000), "291e9a6c66994949b57ba5e650361e98fc36b1ba"),
    ]

    @Test(arguments: digests)
    func sha1GivesTheStandardDigests(message: String, digest: String) {
        #expect(Self.hex(SHA1.hash(Array(message.utf8))) == digest)
    }

    @Test func nameBasedUUIDsFollowRFC9562() throws {
        let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        #expect(
            FHIRIdentity.nameBased(namespace: dns, name: "www.example.com").uuidString.lowercased()
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        #expect(FHIRIdentity.namespace.uuidString.lowercased() == "cef6906c-867d-50b6-912f-d74a46be18e8")
    }

    @Test func idTextIsFoundationsInLowerCase() async {
        #expect(FHIRIdentity.text(FHIRIdentity.urlNamespace) == "6ba7b811-9dad-11d1-80b4-00c04fd430c8")
        await propertyCheck(count: 300, input: zip(Gen.uint64(), Gen.uint64())) { high, low in
            let bytes = withUnsafeBytes(of: (high, low)) { Array($0) }
            let uuid = UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                    bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
            #expect(FHIRIdentity.text(uuid) == uuid.uuidString.lowercased())
        }
    }
}
