import Foundation
import Testing

@testable import RehabAuth

/// RFC 6238 codes: the appendix B vectors, the ±1 step window, base32 and the sealed secret.
struct TOTPTests {
    static let sha1Seed = Data("12345678901234567890".utf8)
    static let sha256Seed = Data("12345678901234567890123456789012".utf8)
    static let sha512Seed = Data("1234567890123456789012345678901234567890123456789012345678901234".utf8)

    /// RFC 6238 appendix B: time, then the SHA-1, SHA-256 and SHA-512 codes of 8 digits.
    static let vectors: [(Double, String, String, String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test(arguments: vectors) func rfc6238AppendixB(vector: (Double, String, String, String)) {
        let date = Date(timeIntervalSince1970: vector.0)
        #expect(TOTP(secret: Self.sha1Seed, digits: 8).code(at: date) == vector.1)
        #expect(TOTP(secret: Self.sha256Seed, digits: 8, algorithm: .sha256).code(at: date) == vector.2)
        #expect(TOTP(secret: Self.sha512Seed, digits: 8, algorithm: .sha512).code(at: date) == vector.3)
    }

    @Test func sixDigitsAreTheLastSixOfEight() {
        let date = Date(timeIntervalSince1970: 1_111_111_109)
        #expect(TOTP(secret: Self.sha1Seed).code(at: date) == "081804", "leading zeros kept")
    }

    @Test func acceptsOneStepEitherSideOnly() {
        let totp = TOTP(secret: TOTP.freshSecret())
        let now = Date(timeIntervalSince1970: 1_795_000_015)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(totp.code(step: step), at: now) == step)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now) == step - 1, "a code from 30 s ago")
        #expect(totp.matchingStep(totp.code(step: step + 1), at: now) == step + 1, "a phone clock 30 s ahead")
        let old = totp.code(step: step - 2)
        let new = totp.code(step: step + 2)
        let neighbours = Set((step - 1...step + 1).map { totp.code(step: $0) })
        if !neighbours.contains(old) { #expect(totp.matchingStep(old, at: now) == nil, "a code from 60 s ago") }
        if !neighbours.contains(new) { #expect(totp.matchingStep(new, at: now) == nil, "a code from 60 s ahead") }
        let spaced = totp.code(step: step).enumerated().map { $0.offset == 3 ? " \($0.element)" : "\($0.element)" }
        #expect(totp.matchingStep(spaced.joined(), at: now) == step, "a space in the middle is fine")
        #expect(totp.matchingStep("12345", at: now) == nil && totp.matchingStep("abcdef", at: now) == nil)
        #expect(totp.matchingStep("١٢٣٤٥٦", at: now) == nil, "only ASCII digits")
    }

    @Test func base32RoundTripsAndMatchesRFC4648() {
        #expect(Base32.encode(Data("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Data("f".utf8)) == "MY")
        #expect(Base32.decode("mzxw6ytboi") == Data("foobar".utf8))
        #expect(Base32.decode("MZXW 6YTB-OI======") == Data("foobar".utf8))
        #expect(Base32.decode("MZ1W") == nil, "1 is not base32")
        for _ in 0..<50 {
            let secret = TOTP.freshSecret()
            #expect(Base32.decode(Base32.encode(secret)) == secret)
        }
    }

    @Test func uriNamesTheSecretAndSettings() {
        let totp = TOTP(secret: Self.sha1Seed)
        let uri = totp.uri(account: "ana@clinic.test", issuer: "Knee Rehab")
        #expect(
            uri == "otpauth://totp/Knee%20Rehab:ana@clinic.test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Knee%20Rehab&algorithm=SHA1&digits=6&period=30")
    }

    @Test func sealedSecretsOpenOnlyUnderTheirKeyAndUnchanged() throws {
        let sealer = SecretSealer(key: SignedLink.freshKey())
        let secret = TOTP.freshSecret()
        var sealed = try sealer.seal(secret)
        #expect(sealed.range(of: secret) == nil, "the secret does not show through")
        #expect(try sealer.open(sealed) == secret)
        #expect(throws: (any Error).self) { try SecretSealer(key: SignedLink.freshKey()).open(sealed) }
        sealed[sealed.count / 2] ^= 1
        #expect(throws: (any Error).self) { try sealer.open(sealed) }
    }

    @Test func recoveryCodesAreDistinctAndHashIgnoringLayout() {
        let codes = RecoveryCode.make()
        #expect(codes.count == 10 && Set(codes).count == 10)
        #expect(codes.allSatisfy { $0.count == 11 && $0.dropFirst(5).first == "-" })
        let code = codes[0]
        #expect(
            RecoveryCode.hash(code.uppercased().replacingOccurrences(of: "-", with: " ")) == RecoveryCode.hash(code))
        #expect(RecoveryCode.hash(codes[1]) != RecoveryCode.hash(code))
    }
}
