import Crypto
import Foundation
import _CryptoExtras

/// Password hashing with PBKDF2-HMAC-SHA256 (swift-crypto), stored as one self-describing string
/// `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>` so the cost can rise later without breaking old hashes.
///
/// OWASP's password storage cheat sheet asks for 600,000 iterations of PBKDF2-HMAC-SHA256; swift-crypto refuses
/// fewer than 210,000. Hashing is slow by design: call it off the cooperative thread pool in a server.
public struct PasswordHasher: Sendable {
    /// The scheme tag at the start of every hash.
    public static let scheme = "pbkdf2-sha256"
    /// OWASP's figure for PBKDF2-HMAC-SHA256.
    public static let recommendedIterations = 600_000

    /// The iterations new hashes use.
    public let iterations: Int

    /// Makes a hasher; `iterations` below 210,000 are refused when hashing.
    public init(iterations: Int = PasswordHasher.recommendedIterations) {
        self.iterations = iterations
    }

    /// Hashes a password with a fresh 16-byte salt.
    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let derived = try Self.derive(password, salt: salt, iterations: iterations)
        return [Self.scheme, String(iterations), Data(salt).base64EncodedString(), derived.base64EncodedString()]
            .joined(separator: "$")
    }

    /// Whether `password` matches `stored`; false (never an error) for a malformed or foreign hash.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme, let rounds = Int(parts[1]), rounds >= 210_000,
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
            let derived = try? Self.derive(password, salt: Array(salt), iterations: rounds)
        else { return false }
        return Self.constantTimeEqual(derived, expected)
    }

    /// Whether a stored hash should be replaced at the next sign-in (fewer iterations than this hasher uses).
    public func needsRehash(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        return parts.count != 4 || parts[0] != Self.scheme || (Int(parts[1]) ?? 0) < iterations
    }

    private static func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> Data {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: iterations)
        return key.withUnsafeBytes { Data($0) }
    }

    private static func constantTimeEqual(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(lhs, rhs) { difference |= a ^ b }
        return difference == 0
    }
}

/// Secrets that travel to a user once and are stored only as a hash: invite codes, session tokens.
public enum TokenHash {
    /// SHA-256 in lower-case hex: fast is right here, because the token is random and long.
    public static func sha256(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// A random URL-safe token of `bytes` random bytes.
    public static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
