import Foundation
import HTTPTypes
import Hummingbird
import RehabAuth
import RehabCore

/// The private calendar link, which calendar apps fetch without signing in: `GET /calendar/{token}.ics`. An
/// unknown or revoked token answers 404, like any address that does not exist.
struct CalendarFeedRoutes {
    let services: RehabServices
    let configuration: WebConfiguration

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("calendar/:file") { _, context in
            guard let file = context.parameters.get("file"), file.hasSuffix(".ics") else { throw WebError.notFound }
            let token = String(file.dropLast(4))
            guard !token.isEmpty, token.count <= 128,
                let feed = try await services.store.calendarFeed(tokenHash: TokenHash.sha256(token))
            else { throw WebError.notFound }
            let feeds = CalendarFeeds(services: services, configuration: configuration)
            return Self.response(feeds.ics(patientID: feed.patientID, settings: feed.settings))
        }
    }

    /// An iCalendar answer.
    static func response(_ ics: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: ics)))
    }

    /// `path` as an address on the host the request came to (behind a proxy, its forwarded scheme).
    static func absolute(_ path: String, _ request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        let forwarded = HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }
        let scheme = forwarded == "https" ? "https" : "http"
        return "\(scheme)://\(host)\(path)"
    }
}
