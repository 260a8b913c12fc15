import Foundation
import Hummingbird
import Logging

/// One structured log line per request: method, the route pattern (`/api/v1/patients/{id}`, never the concrete
/// path or query), status and duration. No bodies, names, ids or health data reach the log.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? PageRedirect) != nil ? 303 : ErrorMiddleware.map(error).status.code
            log(request, context, status: status, since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let tenths = Int((milliseconds * 10).rounded())  // one decimal, without String(format:) on every request
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "route":
                    "\(context.endpointPath ?? (request.uri.path.hasPrefix("/static/") ? "/static" : "unmatched"))",
                "status": "\(status)", "ms": "\(tenths / 10).\(tenths % 10)",
                "role": "\(context.identity?.account.role.rawValue ?? "anonymous")",
            ])
    }
}
