import Foundation

/// Where and how to deliver mail, read from one URL (`kneerehab serve --smtp URL`):
///
/// - `smtp://HOST[:PORT]` — plain SMTP (port 25 by default), for a relay on the same machine or network;
/// - `smtp://HOST[:PORT]?starttls=required` — STARTTLS before anything else, or no delivery at all;
/// - `smtps://HOST[:PORT]` — TLS from the first byte (port 465 by default);
/// - `USER:PASSWORD@` before the host — AUTH PLAIN (or LOGIN), only over TLS; percent-encode `@ : / ? #`;
/// - `cafile=PATH` — trust this PEM file's certificates instead of the system's (a private CA);
/// - `ehlo=NAME` — the name the client gives in EHLO (`localhost` by default).
///
/// Certificates are always verified, against the host name (or an IP literal's address).
public struct SMTPConfiguration: Hashable, Sendable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Hashable, Sendable {
        /// No TLS.
        case plain
        /// Plain connect, then STARTTLS, which the server must offer.
        case startTLS
        /// TLS from the first byte.
        case implicitTLS
    }

    /// Which certificates the client trusts.
    public enum TrustRoots: Hashable, Sendable {
        /// The system's trust store.
        case system
        /// The certificates in a PEM file (a private CA, or a test's self-signed certificate).
        case pemFile(String)
    }

    /// A user name and password for AUTH.
    public struct Credentials: Hashable, Sendable, CustomStringConvertible {
        /// The user name.
        public var user: String
        /// The password; never printed.
        public var password: String

        /// Makes credentials.
        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }

        public var description: String { "\(user):***" }
    }

    /// The server's host name or IP address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// The credentials, when the server wants AUTH.
    public var credentials: Credentials?
    /// The certificates trusted for TLS.
    public var trustRoots: TrustRoots
    /// The name given in EHLO/HELO.
    public var clientName: String
    /// How long connecting may take.
    public var connectTimeout: Duration
    /// How long the server may take to answer any one command (the greeting and the end of DATA included).
    public var replyTimeout: Duration

    /// Makes a configuration from its parts; `init(url:)` is the usual way.
    public init(
        host: String, port: Int, security: Security = .plain, credentials: Credentials? = nil,
        trustRoots: TrustRoots = .system, clientName: String = "localhost", connectTimeout: Duration = .seconds(10),
        replyTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.trustRoots = trustRoots
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// Reads a configuration from an `smtp://` or `smtps://` URL (the forms above); the error's `field` names the
    /// part that is wrong: `url`, `scheme`, `host`, `port`, `path`, `user`, `password`, or a query parameter.
    public init(url text: String) throws(MailError) {
        func bad(_ field: String) -> MailError { MailError(.invalidConfiguration, field: field, isPermanent: true) }
        guard let components = URLComponents(string: text) else { throw bad(Self.guessBadPart(text)) }
        let scheme = components.scheme?.lowercased()
        guard scheme == "smtp" || scheme == "smtps" else { throw bad("scheme") }
        guard var host = components.percentEncodedHost, !host.isEmpty else { throw bad("host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard host.unicodeScalars.allSatisfy({ $0.isASCII && !$0.isControl && $0 != " " }) else { throw bad("host") }
        if let port = components.port, !(1...65535).contains(port) { throw bad("port") }
        guard components.percentEncodedPath.isEmpty || components.percentEncodedPath == "/" else { throw bad("path") }
        guard components.fragment == nil else { throw bad("fragment") }

        self.init(
            host: host, port: components.port ?? (scheme == "smtps" ? 465 : 25),
            security: scheme == "smtps" ? .implicitTLS : .plain)
        for item in components.queryItems ?? [] {
            try apply(item, bad: bad)
        }
        if let encodedUser = components.percentEncodedUser {
            guard let user = encodedUser.removingPercentEncoding, !user.isEmpty else { throw bad("user") }
            guard let password = components.percentEncodedPassword?.removingPercentEncoding else {
                throw bad("password")
            }
            // A password never crosses the network in the clear.
            guard security != .plain else { throw bad("starttls") }
            credentials = Credentials(user: user, password: password)
        }
        if case .pemFile = trustRoots, security == .plain { throw bad("cafile") }
    }

    private mutating func apply(_ item: URLQueryItem, bad: (String) -> MailError) throws(MailError) {
        switch item.name {
        case "starttls":
            guard item.value == "required", security == .plain else { throw bad("starttls") }
            security = .startTLS
        case "cafile":
            guard let path = item.value, !path.isEmpty else { throw bad("cafile") }
            trustRoots = .pemFile(path)
        case "ehlo":
            guard let name = item.value, MailAddress.isDotAtom(name[...], allowed: MailAddress.domainCharacters)
            else { throw bad("ehlo") }
            clientName = name
        default:
            throw bad(item.name.isEmpty ? "query" : item.name)
        }
    }

    /// When Foundation cannot parse the URL at all, the likeliest culprit: a port that is not a number in range.
    private static func guessBadPart(_ text: String) -> String {
        guard let rest = text.range(of: "://").map({ text[$0.upperBound...] }) else { return "url" }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last ?? authority
        if !hostPort.hasSuffix("]"), let colon = hostPort.lastIndex(of: ":"),
            Int(hostPort[hostPort.index(after: colon)...]).map({ !(1...65535).contains($0) }) ?? true
        {
            return "port"
        }
        return "url"
    }

    /// The URL again, password hidden: safe for a log line.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = credentials.map {
            "\($0.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? ""):***@"
        }
        let host = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(user ?? "")\(host):\(port)" + (security == .startTLS ? "?starttls=required" : "")
    }
}
