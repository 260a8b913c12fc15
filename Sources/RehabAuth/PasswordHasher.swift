import Crypto
import Foundation
import HummingbirdBcrypt

/// Password hashing with bcrypt (HummingbirdBcrypt), stored in the standard self-describing `$2b$<cost>$…` form
/// so the cost can rise later without breaking old hashes.
///
/// Cost 12 takes a few hundred milliseconds on purpose: a server must run it off the cooperative thread pool.
/// Bcrypt reads at most 72 bytes of a password, so longer ones are refused rather than silently cut.
public struct PasswordHasher: Sendable {
    /// The cost new hashes use in production (2^12 rounds); OWASP's floor for bcrypt is 10.
    public static let recommendedCost: UInt8 = 12
    /// The fewest characters a password may have (NIST SP 800-63B asks for at least 8).
    public static let minimumLength = 8
    /// Bcrypt's input limit in bytes.
    public static let maximumBytes = 72

    /// The cost new hashes use.
    public let cost: UInt8

    /// Makes a hasher; tests use a low cost (4 is bcrypt's minimum).
    public init(cost: UInt8 = PasswordHasher.recommendedCost) {
        self.cost = min(max(cost, 4), 31)
    }

    /// Why a password cannot be used, in words for the person choosing it; nil when it is fine.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "must have at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "must be at most \(maximumBytes) bytes long" }
        // Bcrypt stops at a NUL byte, so everything after one would be ignored.
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "must not contain control characters"
        }
        return nil
    }

    /// Hashes a password with a fresh salt.
    public func hash(_ password: String) throws(PasswordError) -> String {
        if let problem = Self.problem(with: password) { throw PasswordError(problem: problem) }
        return Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `stored`; false (never an error) for a malformed or foreign hash.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard stored.hasPrefix("$2"), stored.count == 60, password.utf8.count <= Self.maximumBytes else {
            return false
        }
        return Bcrypt.verify(password, hash: stored)
    }

    /// Whether a stored hash should be replaced at the next sign-in (a lower cost than this hasher uses).
    public func needsRehash(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 3, let storedCost = UInt8(parts[1]) else { return true }
        return storedCost < cost
    }
}

/// A password that cannot be hashed; the message never holds the password.
public struct PasswordError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. "must have at least 8 characters".
    public let problem: String
    /// The problem.
    public var description: String { problem }
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

    /// Whether two strings are equal, in time that does not depend on where they differ (for CSRF tokens).
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
