/// What a server offers, read from its EHLO reply (RFC 5321 §4.1.1.1): each line after the first is a keyword and
/// its parameters, e.g. `STARTTLS` or `AUTH PLAIN LOGIN`.
struct SMTPCapabilities: Hashable, Sendable {
    /// The server offers STARTTLS.
    var startTLS = false
    /// The AUTH mechanisms offered, upper-cased.
    var authMechanisms: Set<String> = []

    /// No extensions: what a server that only knows HELO offers.
    init() {}

    /// Reads the EHLO reply's lines (the first is the greeting, not a keyword).
    init(ehlo reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS": startTLS = true
            // `AUTH=` is an old spelling some servers still send beside `AUTH`.
            case "AUTH", "AUTH=LOGIN", "AUTH=PLAIN":
                authMechanisms.formUnion(words.dropFirst())
                if keyword.hasPrefix("AUTH=") { authMechanisms.insert(String(keyword.dropFirst(5))) }
            default: break
            }
        }
    }
}
