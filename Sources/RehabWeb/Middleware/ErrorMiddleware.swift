import Foundation
import Hummingbird
import Logging
import RehabCore

/// Turns every error a handler throws into the app's answer: the JSON error document under `/api/`, a friendly
/// page elsewhere. Logs carry the route and status, never the request body or the error's content.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let signedIn = error as? SignedInFailure
            let error = signedIn?.error ?? error
            let identity = signedIn?.identity ?? context.identity
            let failure = Self.map(error)
            if failure.status.code >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["path": "\(context.endpointPath ?? "unmatched")", "type": "\(type(of: error))"])
            }
            var response =
                request.uri.path.hasPrefix("/api/") || request.uri.path == "/health"
                ? JSONResponse.make(ErrorDocument(failure), status: failure.status)
                : pages.errorPage(
                    failure, identity: identity,
                    // A signed-in patient's own language; anyone else's browser's.
                    language: identity?.language
                        ?? Language.resolve(chosen: nil, acceptLanguage: request.headers[.acceptLanguage]))
            // The rest of an oversized body is never read: close the connection once the answer is out, so a
            // client still sending hears "too large" at once instead of waiting for its own timeout.
            if failure.status == .contentTooLarge { response.headers[.connection] = "close" }
            if let seconds = failure.retryAfter {
                response.headers[.retryAfter] = String(seconds)
            }
            if let methods = failure.allow, !methods.isEmpty {
                response.headers[.allow] = methods.joined(separator: ", ")
            }
            return response
        }
    }

    /// Hummingbird's own errors (unknown route, body too large, bad request) become `WebError`s too.
    static func map(_ error: any Error) -> WebError {
        if let error = error as? HTTPError {
            switch error.status {
            case .notFound: return .notFound
            case .contentTooLarge:
                return WebError(
                    .contentTooLarge, code: "too-large", message: "The request body is too large.", field: "body")
            case .methodNotAllowed:
                return .methodNotAllowed(allowed: [])
            default:
                return WebError(error.status, code: "bad-request", message: "The request could not be read.")
            }
        }
        if error is RequestBody.Incomplete {
            return WebError(
                .badRequest, code: "body-incomplete", message: "The request body ended early.", field: "body")
        }
        if RequestBody.isTooManyBytes(error) {
            return WebError(
                .contentTooLarge, code: "too-large", message: "The request body is too large.", field: "body")
        }
        return WebError.from(error)
    }
}

/// JSON responses with the app's encoder settings (ISO dates, sorted keys).
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Encodes `value` as the body of a response.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"encoding"}}"#.utf8)
        return make(data: data, status: status)
    }

    /// A response over already-encoded JSON (e.g. a replayed idempotent response).
    static func make(data: Data, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
