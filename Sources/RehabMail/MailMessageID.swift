/// A Message-ID, `<id@domain>` (RFC 5322 §3.6.4), from an id the caller chooses — the outbox row's delivery id,
/// say — so a message sent twice after a crash carries the same id and receivers can tell.
public struct MailMessageID: Hashable, Sendable, CustomStringConvertible {
    /// The part before the `@`.
    public let id: String
    /// The part after it, usually the sender's domain.
    public let domain: String

    /// Checks and makes an id; both parts must be dot-atoms (letters, digits and ``!#$%&'*+-/=?^_`{|}~`` between
    /// single dots).
    public init(id: String, domain: String) throws(MailError) {
        guard MailAddress.isDotAtom(id[...], allowed: MailAddress.localCharacters), id.utf8.count <= 128,
            MailAddress.isDotAtom(domain[...], allowed: MailAddress.domainCharacters), domain.utf8.count <= 128
        else { throw MailError(.invalidHeader, field: "message-id", isPermanent: true) }
        self.id = id
        self.domain = domain
    }

    /// `<id@domain>`, as the header carries it.
    public var description: String { "<\(id)@\(domain)>" }
}
