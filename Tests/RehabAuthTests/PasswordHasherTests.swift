import RehabAuth
import Testing

struct PasswordHasherTests {
    let hasher = PasswordHasher(cost: 4)

    @Test func hashIsStandardBcryptAndVerifies() throws {
        let stored = try hasher.hash("correct horse 🐎")
        #expect(stored.hasPrefix("$2b$04$") && stored.count == 60)
        #expect(hasher.verify("correct horse 🐎", against: stored))
        #expect(!hasher.verify("correct horse", against: stored))
    }

    @Test func saltsDiffer() throws {
        #expect(try hasher.hash("same-password") != hasher.hash("same-password"))
    }

    @Test(arguments: ["", "bcrypt$x", "pbkdf2-sha256$600000$AAAA$AAAA", "$2b$04$short"])
    func malformedHashesNeverVerify(_ stored: String) {
        #expect(!hasher.verify("anything", against: stored))
    }

    @Test(arguments: ["short", String(repeating: "é", count: 37)])
    func unusablePasswordsAreRefusedWithAReason(_ password: String) {
        #expect(PasswordHasher.problem(with: password) != nil)
        #expect(throws: PasswordError.self) { try hasher.hash(password) }
    }

    @Test func lowerCostHashesAskForARehash() throws {
        let stored = try hasher.hash("long enough")
        #expect(PasswordHasher(cost: 5).needsRehash(stored))
        #expect(!hasher.needsRehash(stored))
        #expect(hasher.needsRehash("garbage"))
    }

    @Test func tokenHashIsHexSHA256() {
        #expect(TokenHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TokenHash.random() != TokenHash.random())
        #expect(TokenHash.constantTimeEqual("abc", "abc") && !TokenHash.constantTimeEqual("abc", "abd"))
        #expect(!TokenHash.constantTimeEqual("abc", "abcd"))
    }
}
