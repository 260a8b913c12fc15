import Hummingbird
import RehabMail

/// Wakes the mail sender after every request that may write (anything but GET and HEAD), so an alert notice
/// written with a check-in goes within moments rather than at the sender's next look at the queue.
struct MailWakeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sender: OutboxSender

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        defer { sender.wake() }
        return try await next(request, context)
    }
}
