/// The one-click unsubscribe a reminder carries (RFC 2369 `List-Unsubscribe` with RFC 8058's
/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`): mail programs show an "Unsubscribe" button that POSTs to
/// the link without opening it in a browser.
public struct ListUnsubscribe: Hashable, Sendable {
    /// The HTTPS link that unsubscribes on a POST (and, opened in a browser, shows a page that does).
    public let url: String

    /// Checks and makes the header's value; RFC 8058 requires an `https` link, and a link with spaces, angle
    /// brackets or control characters could break out of the header.
    public init(url: String) throws(MailError) {
        let allowed = url.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
        guard url.lowercased().hasPrefix("https://"), url.count > "https://".count, allowed,
            !url.contains("<"), !url.contains(">"), url.utf8.count <= 900
        else { throw MailError(.invalidHeader, field: "list-unsubscribe", isPermanent: true) }
        self.url = url
    }
}
