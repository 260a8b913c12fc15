import Foundation
import Testing

@testable import RehabAuth

/// Links in mails: they name their subject, and a changed subject, signature, key or purpose fails.
struct SignedLinkTests {
    let key = SignedLink.freshKey()

    @Test func aTokenNamesItsSubject() {
        let link = SignedLink(key: key, purpose: "stop-reminders")
        let token = link.token(for: "0b7a4c1e-9a53-4b2f-8d2f-1c3d5e7f9a0b")
        #expect(link.subject(of: token) == "0b7a4c1e-9a53-4b2f-8d2f-1c3d5e7f9a0b")
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="), "URL-safe")
    }

    @Test func anythingChangedFails() {
        let link = SignedLink(key: key, purpose: "stop-reminders")
        let token = link.token(for: "patient-a")
        let signature = token.split(separator: ".")[1]
        #expect(link.subject(of: "patient-b.\(signature)") == nil, "another subject")
        #expect(SignedLink(key: SignedLink.freshKey(), purpose: "stop-reminders").subject(of: token) == nil, "key")
        #expect(SignedLink(key: key, purpose: "other").subject(of: token) == nil, "purpose")
        var flipped = Array(token)
        flipped[flipped.count - 2] = flipped[flipped.count - 2] == "A" ? "B" : "A"
        #expect(link.subject(of: String(flipped)) == nil, "signature")
        for bad in ["", ".", "patient-a", "patient-a.", "a.b.c", "patient-a.%%%"] {
            #expect(link.subject(of: bad) == nil, "malformed \(bad)")
        }
    }
}
