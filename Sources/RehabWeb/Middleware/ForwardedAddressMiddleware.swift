import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Behind a proxy, the client's address comes from `X-Forwarded-For`, but only on requests from a trusted proxy
/// (`--trusted-proxy`): anyone else could write any address there and slip past the sign-in throttle or into
/// the audit trail as someone else.
///
/// Each proxy appends the address it heard from, so the client is the last address that is not itself a trusted
/// proxy. A header that does not end in an address leaves the connection's address.
struct ForwardedAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The proxies' addresses.
    let trusted: Set<String>

    static let header = HTTPField.Name("X-Forwarded-For")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard trusted.contains(context.clientAddress), let header = Self.header else {
            return try await next(request, context)
        }
        var context = context
        if let client = ForwardedAddress.client(in: request.headers[values: header], trusted: trusted) {
            context.clientAddress = client
        }
        return try await next(request, context)
    }
}

/// Reading `X-Forwarded-For`.
public enum ForwardedAddress {
    /// What a connection over a Unix socket counts as: a process on this machine that the socket file's
    /// permissions let in, which is the proxy (`serve --socket` trusts it).
    public static let localSocket = "local-socket"

    /// The address a connection came from: its IP address, `localSocket` over a Unix socket, else "unknown".
    static func connection(_ remote: SocketAddress?) -> String {
        switch remote {
        case .unixDomainSocket: localSocket
        case let remote?: remote.ipAddress ?? "unknown"
        case nil: "unknown"
        }
    }

    /// The last address in the header lines that is not a trusted proxy; nil when that entry is not an address.
    public static func client(in lines: [String], trusted: Set<String>) -> String? {
        let hops = lines.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let client = hops.last(where: { !trusted.contains($0) }) else { return hops.first }
        return isAddress(client) ? client : nil
    }

    /// Whether the text looks like an IPv4 or IPv6 address (digits, hex letters, dots and colons, not too long).
    public static func isAddress(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 45 && text.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    }
}
