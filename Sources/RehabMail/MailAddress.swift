/// A mailbox: a plain ASCII `local@domain` address and an optional display name, checked once when made so
/// nothing later can put a line break or an angle bracket into a header or an SMTP command.
///
/// Internationalised addresses (SMTPUTF8) are not supported; the display name may be any text without control
/// characters and is encoded (RFC 2047) when it is not ASCII.
public struct MailAddress: Hashable, Sendable {
    /// The address, e.g. `therapist@clinic.example`.
    public let address: String
    /// The name shown beside it, e.g. `Riverside Knee Clinic`.
    public let displayName: String?

    /// The longest address accepted (RFC 5321's path limit less its angle brackets).
    public static let maximumLength = 254

    /// Checks and makes a mailbox; `field` names it in the error (`from`, `to`).
    public init(_ address: String, displayName: String? = nil, field: String = "address") throws(MailError) {
        guard Self.isValid(address) else { throw MailError(.invalidAddress, field: field, isPermanent: true) }
        if let displayName, displayName.unicodeScalars.contains(where: \.isControl) {
            throw MailError(.invalidHeader, field: field, isPermanent: true)
        }
        self.address = address
        self.displayName = displayName?.isEmpty == true ? nil : displayName
    }

    /// The part after the `@`.
    public var domain: Substring { address[address.index(after: address.lastIndex(of: "@") ?? address.startIndex)...] }

    private static func isValid(_ address: String) -> Bool {
        guard address.utf8.count <= maximumLength, let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        return !local.isEmpty && local.utf8.count <= 64 && isDotAtom(local, allowed: localCharacters)
            && isDotAtom(domain, allowed: domainCharacters) && domain.contains(where: { $0 != "." })
    }

    /// Dot-separated runs of allowed characters: no leading, trailing or doubled dot.
    static func isDotAtom(_ text: Substring, allowed: Set<UInt8>) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return !text.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed.contains) }
    }

    /// RFC 5322's `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static let localCharacters: Set<UInt8> = alphanumerics.union("!#$%&'*+-/=?^_`{|}~".utf8)
    /// Host names: letters, digits and hyphens.
    static let domainCharacters: Set<UInt8> = alphanumerics.union("-".utf8)
    private static let alphanumerics = Set(
        Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            + Array(UInt8(ascii: "0")...UInt8(ascii: "9")))
}

extension Unicode.Scalar {
    /// A C0 or C1 control character, DEL, or a line or paragraph separator: never allowed in a header value.
    var isControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }
}
