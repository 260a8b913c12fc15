import Foundation
import Hummingbird
import RehabAuth
import RehabCore

/// Finds who is signed in from `Authorization: Bearer …` (the API) or the session cookie (the pages).
///
/// Tokens are stored only as SHA-256 hashes in the shared web-session table, so any server instance can check
/// them; the answer is kept for a moment (see `SignedInCache`). An unknown or ended token (past its absolute or
/// its idle end) leaves the request anonymous; handlers that need an identity answer 401.
///
/// A sign-in's last use is written down at most once per `touchInterval`, not on every request. A sign-in that
/// may only enrol a second factor reaches the enrolment page, signing out and static files; pages elsewhere send
/// it to enrolment and the API answers 403 `second-factor-enrolment-required`.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: any RehabStore
    let cache: SignedInCache
    let configuration: WebConfiguration

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.acceptLanguage = request.headers[.acceptLanguage]
        if let (token, viaCookie) = Self.token(in: request), !(viaCookie && Self.isAPIWrite(request)) {
            context.identity = try await identity(token: token, viaCookie: viaCookie)
            if let identity = context.identity, identity.session.enrolmentOnly, !Self.allowedWhileEnrolling(request) {
                if request.uri.path.hasPrefix("/api/") {
                    throw WebError(
                        .forbidden, code: "second-factor-enrolment-required",
                        message: "Your clinic asks for a second factor: enrol one first (/account/second-factor).")
                }
                return Response.seeOther(SecondFactorPages.path)
            }
            if var identity = context.identity, identity.account.role == .patient {
                identity.language = Language.resolve(
                    chosen: identity.patient?.language, acceptLanguage: context.acceptLanguage)
                context.identity = identity
            }
            if viaCookie, Self.showsMenu(request), let patient = context.identity?.patient {
                context.identity?.unreadMessages = try await store.unreadMessageCount(patient: patient.id)
            }
        }
        guard let identity = context.identity else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let redirect as PageRedirect {
            throw redirect
        } catch {
            // The error page is drawn outside sign-in: it learns who was signed in (and their language) from this.
            throw SignedInFailure(error: error, identity: identity)
        }
    }

    private func identity(token: String, viaCookie: Bool) async throws -> Identity? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        let (hash, now) = (TokenHash.sha256(token), configuration.now())
        var signedIn: SignedIn
        if let cached = cache.signedIn(tokenHash: hash, now: now) {
            signedIn = cached
        } else {
            let mark = cache.mark()
            guard let found = try await store.signedIn(tokenHash: hash, now: now) else { return nil }
            cache.store(found, tokenHash: hash, now: now, mark: mark)
            signedIn = found
        }
        if now.timeIntervalSince(signedIn.session.lastSeenAt) >= configuration.touchInterval {
            let mark = cache.mark()
            try await store.touchSignIn(tokenHash: hash, at: now)
            signedIn.session.lastSeenAt = now
            cache.store(signedIn, tokenHash: hash, now: now, mark: mark)
        }
        return Identity(
            account: signedIn.account, patient: signedIn.patient, session: signedIn.session, viaCookie: viaCookie)
    }

    /// What a sign-in that may only enrol a second factor may reach.
    static func allowedWhileEnrolling(_ request: Request) -> Bool {
        let path = request.uri.path
        return path.hasPrefix(SecondFactorPages.path) || path.hasPrefix("/api/v1/me/second-factor")
            || path.hasPrefix("/static/") || ["/logout", "/api/v1/auth/logout", "/api/v1/me/session"].contains(path)
    }

    /// Whether the request may be a page with the patient's menu (and its unread count): a GET that is neither
    /// the API nor a static file (a file passes through here on its way to the file middleware, and every page
    /// fetches several).
    static func showsMenu(_ request: Request) -> Bool {
        let path = request.uri.path
        return request.method == .get && !path.hasPrefix("/api/") && !path.hasPrefix("/static/")
    }

    /// API writes take a bearer token only: the session cookie carries no CSRF token there, so a cookie alone
    /// never authorises a POST to `/api/` (SameSite=Strict already keeps it off cross-site requests).
    static func isAPIWrite(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") && request.method != .get && request.method != .head
    }

    /// The bearer token, else the session cookie.
    static func token(in request: Request) -> (String, Bool)? {
        if let header = request.headers[.authorization], let token = bearerToken(in: header) { return (token, false) }
        if let cookie = request.cookies[SessionCookie.name]?.value { return (cookie, true) }
        return nil
    }

    /// The token of an `Authorization` value with the `Bearer` scheme (in any case), without the spaces and tabs
    /// around it; nil for any other scheme. It runs on every API request, so it works on the bytes rather than
    /// lower-casing and trimming copies of the header.
    static func bearerToken(in header: String) -> String? {
        let scheme = "bearer ".utf8
        let bytes = header.utf8
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard bytes.starts(with: scheme, by: { ($0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0) == $1 }) else { return nil }
        var token = bytes.dropFirst(scheme.count).drop(while: isBlank)
        while let last = token.last, isBlank(last) { token = token.dropLast() }
        return String(Substring(token))
    }
}

/// An error thrown while someone was signed in, with who it was, so that `ErrorMiddleware` (which runs before
/// sign-in is known) draws the error page in a patient's own language, without reading the store again.
///
/// It keeps the status of an HTTP error it wraps, so that the static file middleware still looks for a file on a
/// "not found".
struct SignedInFailure: HTTPResponseError {
    /// What the handler threw.
    let error: any Error
    /// Who was signed in.
    let identity: Identity

    /// The wrapped error's status, else 500.
    var status: HTTPResponse.Status { (error as? any HTTPResponseError)?.status ?? .internalServerError }

    /// The wrapped error's own response (`ErrorMiddleware` draws the real one).
    func response(from request: Request, context: some RequestContext) throws -> Response {
        try (error as? any HTTPResponseError)?.response(from: request, context: context) ?? Response(status: status)
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
