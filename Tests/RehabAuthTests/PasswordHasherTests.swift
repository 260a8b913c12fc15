import RehabAuth
import Testing

struct PasswordHasherTests {
    let hasher = PasswordHasher(iterations: 210_000)

    @Test func hashIsSelfDescribingAndVerifies() throws {
        let stored = try hasher.hash("correct horse 🐎")
        let parts = stored.split(separator: "$")
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256" && parts[1] == "210000")
        #expect(hasher.verify("correct horse 🐎", against: stored))
        #expect(!hasher.verify("correct horse", against: stored))
    }

    @Test func saltsDiffer() throws {
        #expect(try hasher.hash("same") != hasher.hash("same"))
    }

    @Test(arguments: ["", "bcrypt$x", "pbkdf2-sha256$1000$AAAA$AAAA", "pbkdf2-sha256$abc$$"])
    func malformedHashesNeverVerify(_ stored: String) {
        #expect(!hasher.verify("anything", against: stored))
    }

    @Test func tooFewIterationsAreRefused() {
        #expect(throws: (any Error).self) { try PasswordHasher(iterations: 1000).hash("x") }
    }

    @Test func weakerHashesAskForARehash() throws {
        let stored = try hasher.hash("x")
        #expect(PasswordHasher().needsRehash(stored))
        #expect(!hasher.needsRehash(stored))
    }

    @Test func tokenHashIsHexSHA256() {
        #expect(TokenHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TokenHash.random() != TokenHash.random())
    }
}
