import Foundation
import PropertyBased
import Testing

@testable import RehabWeb

/// The bearer token is read from the `Authorization` header's bytes: the scheme in any case, then the token without
/// the spaces and tabs around it.
struct IdentityMiddlewareTests {
    /// The definition the byte-level reading must agree with.
    static func reference(_ header: String) -> String? {
        guard header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    @Test(arguments: [
        ("Bearer abc123", "abc123"), ("bearer abc123", "abc123"), ("BEARER abc123", "abc123"),
        ("Bearer \t abc123 \t", "abc123"), ("Bearer ", ""), ("Bearer a b", "a b"),
    ])
    func readsTheToken(header: String, token: String) {
        #expect(IdentityMiddleware.bearerToken(in: header) == token)
    }

    @Test(arguments: ["Basic abc123", "Bearer", "Bearerabc123", "Bearer\tabc123", " Bearer abc123", "Béarer abc", ""])
    func refusesAnotherScheme(header: String) {
        #expect(IdentityMiddleware.bearerToken(in: header) == nil)
    }

    @Test func agreesWithLowerCasingAndTrimming() async {
        let scheme = Gen.element(of: ["Bearer", "bearer", "BEARER", "bEaReR", "Basic", "Bearerx", "Bear", ""])
            .map { $0 ?? "" }
        let blanks = Gen.element(of: [" ", "\t", "  ", " \t", ""]).map { $0 ?? "" }
        let token = Gen.ascii.string(of: 0...24)
        await propertyCheck(input: scheme, blanks, token, blanks) { scheme, before, token, after in
            let header = scheme + before + token + after
            #expect(IdentityMiddleware.bearerToken(in: header) == Self.reference(header))
        }
    }
}
