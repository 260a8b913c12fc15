import Foundation
import Hummingbird
import Prometheus

/// `/health`, `/metrics` (Prometheus text) and `/openapi.json` (the committed OpenAPI 3 document).
struct SystemController {
    let metrics: PrometheusCollectorRegistry?

    struct Health: Encodable {
        let status: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in JSONResponse.make(Health(status: "ok")) }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics?.emitToString() ?? "")))
        }
        let document = Self.openAPIDocument
        router.get("openapi.json") { _, _ in JSONResponse.make(data: document, status: .ok) }
    }

    /// The committed OpenAPI 3 document.
    static let openAPIDocument =
        Bundle.module.url(forResource: "openapi", withExtension: "json").flatMap { try? Data(contentsOf: $0) } ?? Data()
}
