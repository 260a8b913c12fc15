import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238): HMAC of the number of `period`-second steps since 1970, truncated
/// to `digits` decimal digits (RFC 4226). Pure: the time always comes from the caller.
public struct TOTP: Sendable {
    /// The HMAC hash; authenticator apps use SHA-1 unless told otherwise.
    public enum Algorithm: String, Sendable {
        /// HMAC-SHA-1, the default of every authenticator app.
        case sha1 = "SHA1"
        /// HMAC-SHA-256.
        case sha256 = "SHA256"
        /// HMAC-SHA-512.
        case sha512 = "SHA512"
    }

    /// The shared secret's bytes.
    public let secret: Data
    /// How many digits a code has.
    public let digits: Int
    /// Seconds per step.
    public let period: Int64
    /// The HMAC hash.
    public let algorithm: Algorithm

    /// Makes a generator; the defaults (6 digits, 30 s, SHA-1) are what authenticator apps expect.
    public init(secret: Data, digits: Int = 6, period: Int64 = 30, algorithm: Algorithm = .sha1) {
        self.secret = secret
        self.digits = digits
        self.period = period
        self.algorithm = algorithm
    }

    /// The time step `date` falls in.
    public func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code for `date`.
    public func code(at date: Date) -> String { code(step: step(at: date)) }

    /// The code for a time step.
    public func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] =
            switch algorithm {
            case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
            case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
            }
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The step whose code `code` is, looking `window` steps either side of `date` (clocks drift and people
    /// type slowly); nil when none matches. Spaces in the code are ignored. Refusing a step used before is the
    /// caller's part, since only storage knows it.
    public func matchingStep(_ code: String, at date: Date, window: Int64 = 1) -> Int64? {
        let typed = code.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        var found: Int64?
        for candidate in (now - window)...(now + window)
        where TokenHash.constantTimeEqual(self.code(step: candidate), typed) && found == nil {
            found = candidate
        }
        return found
    }

    /// The `otpauth://` address an authenticator app reads (as a QR code or typed in): the account's label under
    /// the issuer, the secret in base32 and this generator's settings.
    public func uri(account: String, issuer: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))"
            + "&issuer=\(escape(issuer))&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(period)"
    }

    /// A fresh 160-bit secret (RFC 4226's recommended length).
    public static func freshSecret() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}

/// Base32 (RFC 4648) without padding, as authenticator apps show secrets.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// The bytes in upper-case base32, unpadded.
    public static func encode(_ data: Data) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in data {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of base32 text in either case, ignoring spaces, dashes and padding; nil for any other character.
    public static func decode(_ text: String) -> Data? {
        var output = Data()
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.uppercased().utf8 {
            if character == UInt8(ascii: " ") || character == UInt8(ascii: "-") || character == UInt8(ascii: "=") {
                continue
            }
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return output
    }
}

/// Secrets kept under a server key: AES-GCM, so a copy of the table alone reveals nothing and any change to a
/// sealed value is detected.
public struct SecretSealer: Sendable {
    let keyBytes: Data

    /// A sealer under a 32-byte key.
    public init(key: Data) { self.keyBytes = key }

    /// The secret sealed (nonce, ciphertext and tag together).
    public func seal(_ secret: Data) throws -> Data {
        guard let combined = try AES.GCM.seal(secret, using: SymmetricKey(data: keyBytes)).combined else {
            throw CryptoKitError.incorrectParameterSize
        }
        return combined
    }

    /// The secret again; throws when the value was changed or sealed under another key.
    public func open(_ sealed: Data) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: SymmetricKey(data: keyBytes))
    }
}

/// One-time recovery codes: ten characters in two groups of five from an alphabet without look-alikes. Only their
/// SHA-256 hashes are stored.
public enum RecoveryCode {
    static let alphabet = Array("abcdefghjkmnpqrstvwxyz23456789")

    /// `count` fresh codes.
    public static func make(count: Int = 10) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let letters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            return String(letters[0..<5]) + "-" + String(letters[5...])
        }
    }

    /// The code as typed, lower-cased, without spaces and dashes: what is hashed.
    public static func normalize(_ code: String) -> String {
        code.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// The hash the store keeps.
    public static func hash(_ code: String) -> String { TokenHash.sha256("recovery:" + normalize(code)) }
}
