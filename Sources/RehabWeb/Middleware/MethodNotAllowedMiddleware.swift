import Foundation
import HTTPTypes
import Hummingbird

/// The API's addresses and the methods each takes, read from the committed OpenAPI document, so an address asked
/// with a method it does not take can be answered 405 with `Allow` rather than 404.
struct APIRouteTable: Sendable {
    /// One documented address: its segments (`nil` for a `{parameter}`) and its methods, upper case.
    private struct Route: Sendable {
        let segments: [String?]
        let methods: Set<String>
    }

    private let routes: [Route]

    /// The methods OpenAPI names as the keys of a path item.
    private static let methodKeys: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The table of an OpenAPI 3 document; empty when the document has no `paths`.
    init(openAPI document: Data) {
        let object = try? JSONSerialization.jsonObject(with: document) as? [String: Any]
        let paths = object?["paths"] as? [String: Any] ?? [:]
        routes = paths.compactMap { path, item in
            guard let item = item as? [String: Any] else { return nil }
            let methods = Set(item.keys.filter(Self.methodKeys.contains).map { $0.uppercased() })
            let segments = Self.segments(path).map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : $0 }
            return Route(segments: segments, methods: methods)
        }
    }

    /// The methods `path` takes, `HEAD` with every `GET`; nil when no documented address matches it.
    func allowedMethods(for path: String) -> Set<String>? {
        let asked = Self.segments(path)
        let matching = routes.filter { route in
            route.segments.count == asked.count
                && zip(route.segments, asked).allSatisfy { template, segment in template.map { $0 == segment } ?? true }
        }
        guard !matching.isEmpty else { return nil }
        var methods = matching.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods
    }

    private static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}

/// Answers 405 with `Allow` when a documented API address is asked with a method it does not take; the router
/// alone can only say 404, since it picks a route by address and method together. A 404 for an address that
/// takes the method (an unknown or someone else's patient) stays a 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: APIRouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            // The router's own 404, maybe wrapped with who is signed in.
            let signedIn = error as? SignedInFailure
            guard let unmatched = (signedIn?.error ?? error) as? HTTPError, unmatched.status == .notFound,
                let allowed = routes.allowedMethods(for: request.uri.path),
                !allowed.contains(request.method.rawValue)
            else { throw error }
            let refused = WebError.methodNotAllowed(allowed: allowed.sorted())
            if let signedIn { throw SignedInFailure(error: refused, identity: signedIn.identity) }
            throw refused
        }
    }
}
