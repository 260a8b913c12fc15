import NIOCore
import Testing

@testable import RehabWeb

/// Behind trusted proxies the client is the last `X-Forwarded-For` address that is not a proxy; what a client
/// writes further left (or a header that does not end in an address) never becomes the address.
struct ForwardedAddressMiddlewareTests {
    static let proxies: Set<String> = ["127.0.0.1", "10.0.0.2"]

    @Test(arguments: [
        (["203.0.113.7"], "203.0.113.7"),
        (["198.51.100.1, 203.0.113.7"], "203.0.113.7"),
        (["198.51.100.1", "203.0.113.7, 10.0.0.2"], "203.0.113.7"),
        (["2001:db8::1"], "2001:db8::1"),
        (["10.0.0.2, 127.0.0.1"], "10.0.0.2"),
    ])
    func takesTheLastAddressBeforeTheProxies(lines: [String], client: String) {
        #expect(ForwardedAddress.client(in: lines, trusted: Self.proxies) == client)
    }

    @Test(arguments: [
        [], ["unknown"], ["203.0.113.7, <script>"], ["203.0.113.7, " + String(repeating: "1", count: 46)],
    ])
    func keepsTheConnectionsAddressWithoutAnAddressAtTheEnd(lines: [String]) {
        #expect(ForwardedAddress.client(in: lines, trusted: Self.proxies) == nil)
    }

    /// A connection over a Unix socket (`serve --socket`) counts as the proxy's; over TCP it is the peer's address.
    @Test func aConnectionsAddressIsItsIPAddressOrTheLocalSocket() throws {
        #expect(ForwardedAddress.connection(try SocketAddress(ipAddress: "203.0.113.7", port: 443)) == "203.0.113.7")
        #expect(ForwardedAddress.connection(try SocketAddress(ipAddress: "::1", port: 443)) == "::1")
        let socket = try SocketAddress(unixDomainSocketPath: "/run/kneerehab/instance-1.sock")
        #expect(ForwardedAddress.connection(socket) == ForwardedAddress.localSocket)
        #expect(ForwardedAddress.connection(nil) == "unknown")
        #expect(!ForwardedAddress.isAddress(ForwardedAddress.localSocket), "no forwarded header can claim it")
    }
}
