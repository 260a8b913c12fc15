import Foundation
import Testing

@testable import RehabInterop

/// Derived ids: name-based UUIDs against RFC 9562's example and Python's `uuid.uuid5`, and the id text against
/// Foundation's.
struct FHIRIdentityTests {
    @Test func nameBasedUUIDsFollowRFC9562() throws {
        let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        #expect(
            FHIRIdentity.nameBased(namespace: dns, name: "www.example.com").uuidString.lowercased()
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        #expect(FHIRIdentity.namespace.uuidString.lowercased() == "cef6906c-867d-50b6-912f-d74a46be18e8")
    }

    /// Ids in KneeRehab's namespace as Python's `uuid.uuid5` gives them, for a short name, a name of two SHA-1
    /// blocks and a name of non-ASCII text.
    static let pythonIDs: [(String, String)] = [
        ("Patient/x", "4f067436-5e6d-5986-8bb1-00719a570825"),
        (
            "Observation/session/7a70959e-d8c6-4144-9bc5-9100354a161d/exercise/3",
            "4536b48e-5e52-5e25-b2be-ba1a5bb66581"
        ),
        ("Bundle/patient/" + String(repeating: "é", count: 40), "e6452a55-0476-533d-8373-8cac49bba8d9"),
    ]

    @Test(arguments: pythonIDs)
    func idsAreTheNameBasedUUIDsOfTheirNames(name: String, id: String) {
        #expect(FHIRIdentity.id(name) == id)
    }
}
