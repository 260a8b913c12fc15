import Foundation
import HTTPTypes
import RehabCore

/// An error the app answers with: an HTTP status, a stable code, a message in plain words and, for bad input,
/// the field. The message never holds health data or an engine's wording.
public struct WebError: Error, Sendable, Equatable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `invalid-field`.
    public let code: String
    /// What went wrong, for a person.
    public let message: String
    /// The offending field, when one.
    public let field: String?
    /// For 429 and 503: seconds until a try is allowed again (the `Retry-After` header).
    public var retryAfter: Int?
    /// For 405: the methods the address takes (the `Allow` header).
    public var allow: [String]?

    /// Makes an error.
    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    /// 429 with the seconds to wait.
    public static func throttled(retryAfter seconds: Int) -> WebError {
        let minutes = max(1, (seconds + 59) / 60)
        var error = WebError(
            .tooManyRequests, code: "throttled",
            message: "Too many tries. Please wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again.")
        error.retryAfter = seconds
        return error
    }

    /// 405 for an address that takes other methods, which it names.
    public static func methodNotAllowed(allowed: [String]) -> WebError {
        var error = WebError(
            .methodNotAllowed, code: "method", message: "This address does not take that method.")
        error.allow = allowed
        return error
    }

    /// 404, the same for "does not exist" and "not yours".
    public static let notFound = WebError(.notFound, code: "not-found", message: "Nothing was found here.")
    /// 401.
    public static let unauthenticated = WebError(
        .unauthorized, code: "unauthenticated", message: "Please sign in first.")
    /// 403.
    public static let forbidden = WebError(.forbidden, code: "forbidden", message: "Your account cannot do this.")
    /// 403 for a form without the right token.
    public static let badCSRF = WebError(
        .forbidden, code: "csrf", message: "This form is out of date. Please go back, reload the page and try again.")

    /// 422 naming a field.
    public static func invalid(_ field: String, _ problem: String) -> WebError {
        WebError(.unprocessableContent, code: "invalid-field", message: "\(field) \(problem)", field: field)
    }

    /// Maps any error thrown by a handler; unknown errors become a 500 that says nothing about their content.
    public static func from(_ error: any Error) -> WebError {
        switch error {
        case let error as WebError: return error
        case let error as InvalidInput:
            return WebError(
                .unprocessableContent, code: "invalid-field", message: "\(error.field) \(error.problem)",
                field: error.field)
        case let error as StorageError:
            switch error.code {
            case .notFound: return .notFound
            case .conflict:
                return WebError(.conflict, code: "conflict", message: "This was changed at the same time; try again.")
            case .emailInUse:
                return WebError(
                    .conflict, code: "email-in-use", message: "email is already used by another account",
                    field: "email")
            case .keyReused:
                return WebError(
                    .unprocessableContent, code: "idempotency-key-reused",
                    message: "Idempotency-Key was used before with a different request; send a new key",
                    field: "Idempotency-Key")
            case .invalid: return WebError(.unprocessableContent, code: "invalid", message: "This cannot be stored.")
            case .full:
                var full = WebError(
                    .serviceUnavailable, code: "storage-full",
                    message: "The server has no room to store this right now; nothing was stored. Try again later.")
                full.retryAfter = 60
                return full
            default:
                var unavailable = WebError(
                    .serviceUnavailable, code: "unavailable", message: "The database is not reachable; try again.")
                unavailable.retryAfter = 5
                return unavailable
            }
        default:
            return WebError(.internalServerError, code: "internal", message: "Something went wrong on our side.")
        }
    }
}

/// The API's error document: `{"error": {"code", "message", "field"}}`.
struct ErrorDocument: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
        let field: String?
    }
    let error: Body

    init(_ error: WebError) { self.error = Body(code: error.code, message: error.message, field: error.field) }
}
