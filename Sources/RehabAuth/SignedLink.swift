import Crypto
import Foundation

/// A link a mail carries that works without signing in, for one purpose and one subject (e.g. stopping a patient's
/// reminders): `subject.signature`, where the signature is HMAC-SHA256 of the purpose and subject under a server key.
/// Anyone holding the link can do that one thing, and nobody can make a link for another subject.
public struct SignedLink: Sendable {
    /// The secret key's bytes (at least 32).
    let keyBytes: Data
    /// What the link is for, e.g. `stop-reminders`; a link made for one purpose fails for any other.
    public let purpose: String

    /// Makes a signer.
    public init(key: Data, purpose: String) {
        self.keyBytes = key
        self.purpose = purpose
    }

    /// The token for `subject` (which must not contain a dot).
    public func token(for subject: String) -> String {
        subject + "." + Self.base64URL(signature(subject))
    }

    /// The subject a token names, when its signature is right; nil for anything else.
    public func subject(of token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let given = Self.data(base64URL: String(parts[1])) else { return nil }
        let subject = String(parts[0])
        guard HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: message(subject), using: key) else {
            return nil
        }
        return subject
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    private func message(_ subject: String) -> Data { Data((purpose + "\n" + subject).utf8) }

    private func signature(_ subject: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message(subject), using: key))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    /// 32 fresh random bytes for a new key.
    public static func freshKey() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
