import HTTPTypes
import Hummingbird

/// Security headers on every response: a content security policy without inline script, no framing, no MIME
/// sniffing, no referrer leaking paths, and `no-store` on everything but static files so health data never sits
/// in a shared cache.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Whether the app is served over TLS (`--secure-cookies`): browsers are then told to use HTTPS only.
    var overTLS = false

    static var policy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    static let extra = [
        ("X-Frame-Options", "DENY"), ("Cross-Origin-Opener-Policy", "same-origin"), ("Referrer-Policy", "no-referrer"),
    ]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in Self.extra {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        if overTLS, let field = HTTPField.Name("Strict-Transport-Security") {
            response.headers[field] = "max-age=31536000"
        }
        if !request.uri.path.hasPrefix("/static/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
