import Hummingbird

/// Answers `HEAD` as `GET` without the body, so link checkers and `curl -I` see the real status and headers.
/// It wraps the whole router, because the router picks its route by method before any middleware runs.
struct HeadAsGetResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    @Sendable func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        response.body = .init()
        return response
    }
}
