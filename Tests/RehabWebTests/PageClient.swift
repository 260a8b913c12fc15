import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A browser-like client over the test client: keeps the session cookie and reads form tokens from pages.
struct PageClient: Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The browser's `Accept-Language`, when it sends one.
    var acceptLanguage: String?

    init(_ client: any TestClientProtocol, acceptLanguage: String? = nil) {
        self.client = client
        self.acceptLanguage = acceptLanguage
    }

    var cookieHeader: HTTPFields {
        var headers: HTTPFields =
            cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        return headers
    }

    /// GET a page, keeping cookies.
    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader)
        keep(response)
        return response
    }

    /// POST a form, keeping cookies.
    mutating func post(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// Signs in through the login form.
    mutating func signIn(_ email: String, password: String = WebHarness.password) async throws -> TestResponse {
        let page = try await get("/login")
        let token = try #require(Self.value(of: "formToken", in: Body.text(page)))
        return try await post("/login", [("formToken", token), ("email", email), ("password", password)])
    }

    private mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let value = String(pair[1])
            if value.isEmpty { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = value }
        }
    }

    /// The value of the first hidden input named `name`.
    static func value(of name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#34;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&#39;", with: "'")
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
