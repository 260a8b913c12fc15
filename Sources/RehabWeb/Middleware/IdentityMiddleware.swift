import Foundation
import Hummingbird
import RehabAuth
import RehabCore

/// Finds who is signed in from `Authorization: Bearer …` (the API) or the session cookie (the pages).
///
/// Tokens are stored only as SHA-256 hashes in the shared web-session table, so any server instance can check
/// them. An unknown or expired token leaves the request anonymous; handlers that need an identity answer 401.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: any RehabStore
    let now: @Sendable () -> Date

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let (token, viaCookie) = Self.token(in: request), !(viaCookie && Self.isAPIWrite(request)) {
            context.identity = try await identity(token: token, viaCookie: viaCookie)
        }
        return try await next(request, context)
    }

    private func identity(token: String, viaCookie: Bool) async throws -> Identity? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        guard let signedIn = try await store.signedIn(tokenHash: TokenHash.sha256(token), now: now()) else {
            return nil
        }
        return Identity(
            account: signedIn.account, patient: signedIn.patient, session: signedIn.session, viaCookie: viaCookie)
    }

    /// API writes take a bearer token only: the session cookie carries no CSRF token there, so a cookie alone
    /// never authorises a POST to `/api/` (SameSite=Strict already keeps it off cross-site requests).
    static func isAPIWrite(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") && request.method != .get && request.method != .head
    }

    /// The bearer token, else the session cookie.
    static func token(in request: Request) -> (String, Bool)? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return (String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), false)
        }
        if let cookie = request.cookies[SessionCookie.name]?.value { return (cookie, true) }
        return nil
    }
}

/// The session cookie: HttpOnly, SameSite=Strict, Secure when served over TLS, path `/`.
enum SessionCookie {
    static let name = "kr_session"

    /// The `Set-Cookie` value that signs in.
    static func set(_ token: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(token); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that signs out.
    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
