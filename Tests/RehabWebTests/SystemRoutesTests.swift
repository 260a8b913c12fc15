import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RehabWeb

struct SystemRoutesTests {
    @Test func healthAnswersOK() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(try Body.object(response)["status"] as? String == "ok")
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            for uri in ["/health", "/login", "/api/v1/patients", "/nowhere"] {
                let response = try await client.execute(uri: uri, method: .get)
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            let css = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] != "no-store")
        }
    }

    /// Every documented address asked with a method it does not take: 405 naming the methods it takes, as the
    /// document lists them; a method it takes still reaches the route.
    @Test func aDocumentedAddressAskedWithAnotherMethodAnswers405WithAllow() async throws {
        let harness = try await WebHarness.make()
        let document = try #require(
            try JSONSerialization.jsonObject(with: SystemController.openAPIDocument) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]]).mapValues { Array($0.keys) }
        #expect(paths.count > 40)
        try await harness.test { client in
            // Signed in or not: a signed-in request's error passes through the sign-in step.
            let clinician = try await client.signIn("ana@clinic.test")
            for (path, item) in paths {
                let documented = Set(item.map { $0.uppercased() }).intersection([
                    "GET", "POST", "PUT", "DELETE", "PATCH",
                ])
                let uri = path.replacing(/\{[^}]+\}/, with: "x")
                for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .options, .trace]
                where !documented.contains(method.rawValue) {
                    let response = try await client.execute(uri: uri, method: method)
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    let signedIn = try await client.execute(uri: uri, method: method, headers: clinician)
                    #expect(signedIn.status == .methodNotAllowed, "\(method) \(uri), signed in")
                    let allow = Set((response.headers[.allow] ?? "").split(separator: ", ").map(String.init))
                    let expected = documented.union(documented.contains("GET") ? ["HEAD"] : [])
                    #expect(allow == expected, "\(method) \(uri): Allow \(allow)")
                    if uri.hasPrefix("/api/") { #expect(try Body.object(response)["error"] != nil) }
                }
            }
            // Not documented at all: 404. Documented, with a method it takes: the route answers (here 401).
            #expect(try await client.execute(uri: "/api/v1/nowhere", method: .delete).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/patients", method: .get).status == .unauthorized)
        }
    }

    @Test func openAPIDocumentNamesEveryContractRoute() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try Body.object(response)
            #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(document["paths"] as? [String: Any])
            for path in [
                "/health", "/openapi.json", "/api/v1/auth/login", "/api/v1/auth/claim", "/api/v1/patients",
                "/api/v1/patients/{id}", "/api/v1/patients/{id}/record", "/api/v1/me/plan", "/api/v1/me/sessions",
                "/api/v1/me/checkins", "/api/v1/me/questionnaires/{instrument}", "/api/v1/alerts",
            ] {
                #expect(paths[path] != nil, "missing \(path)")
            }
        }
    }

    @Test func metricsAreServedAsPrometheusText() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await client.execute(uri: "/login", method: .head)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func unknownRoutesAnswer404InTheAPIShape() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await client.execute(uri: "/api/v1/nothing", method: .get)
            #expect(response.status == .notFound)
            #expect(try Body.error(response).code == "not-found")
        }
    }
}
