import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RehabAuth
import RehabCore
import RehabSQLite
import Testing

@testable import RehabWeb

/// A fresh app on its own SQLite file, with two clinicians and an admin, a fixed clock and cheap bcrypt.
struct WebHarness: Sendable {
    static let password = "correct horse battery"
    static let clock = Date(timeIntervalSince1970: 1_795_608_000)  // 2026-11-25T12:00:00Z

    let services: RehabServices
    var configuration: WebConfiguration
    let clinicianA: Account
    let clinicianB: Account
    let admin: Account
    let directory: URL
    /// Video analysis, for the tests that run the pose worker.
    var videos: VideoAnalysis? = nil

    static func make(throttleLimit: Int = 5) async throws -> WebHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kr-web-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("test.sqlite").path)
        return try await make(store: store, directory: directory, throttleLimit: throttleLimit)
    }

    /// The same on a store made elsewhere (e.g. PostgreSQL, see `WebEngine`); `directory` holds any files.
    static func make(store: any RehabStore, directory: URL, throttleLimit: Int = 5) async throws -> WebHarness {
        let services = RehabServices(
            store: store, catalog: Catalog.bundled, questionnaires: try QuestionnaireCatalog.bundled())
        var utc = TimeZone(identifier: "UTC") ?? .current
        utc = TimeZone(secondsFromGMT: 0) ?? utc
        let configuration = WebConfiguration(
            host: "127.0.0.1", port: 0, passwordCost: 4, throttleLimit: throttleLimit, timeZone: utc,
            now: { clock })
        let hash = try PasswordHasher(cost: 4).hash(password)
        let system = AuditActor(.system, origin: "test", at: clock)
        func add(_ role: AccountRole, _ email: String, _ name: String) async throws -> Account {
            try await store.createAccount(
                NewAccount(role: role, email: email, name: name, passwordHash: hash), by: system)
        }
        return WebHarness(
            services: services, configuration: configuration,
            clinicianA: try await add(.clinician, "ana@clinic.test", "Ana Pérez, PT"),
            clinicianB: try await add(.clinician, "ben@clinic.test", "Ben Okoro, PT"),
            admin: try await add(.admin, "root@clinic.test", "Admin"), directory: directory)
    }

    var today: CalendarDate { configuration.today }

    func application() async throws -> some ApplicationProtocol {
        try await buildApplication(
            WebDependencies(services: services, configuration: configuration, metrics: nil, videos: videos),
            logger: Logger(label: "test"))
    }

    /// Runs `body` against a server listening on a loopback port, over real HTTP.
    func live<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application().test(.live) { client in try await body(client) }
    }

    /// Runs `body` against the router (no network).
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application().test(.router) { client in try await body(client) }
    }
}

/// JSON helpers for test requests.
enum Body {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        let data = Data(buffer: response.body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func array(_ response: TestResponse) throws -> [[String: Any]] {
        let data = Data(buffer: response.body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The error document's field and code.
    static func error(_ response: TestResponse) throws -> (code: String, field: String?) {
        let error = try #require(try object(response)["error"] as? [String: Any])
        return (try #require(error["code"] as? String), error["field"] as? String)
    }
}

extension TestClientProtocol {
    /// Signs in through the API and returns the bearer header.
    func signIn(_ email: String, password: String = WebHarness.password) async throws -> HTTPFields {
        let response = try await execute(
            uri: "/api/v1/auth/login", method: .post,
            body: Body.json(#"{"email":"\#(email)","password":"\#(password)"}"#))
        #expect(response.status == .ok)
        let token = try #require(try Body.object(response)["token"] as? String)
        return [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    /// Adds a patient as a clinician and claims the invite; returns the patient id and the patient's headers.
    func addPatient(
        clinician: HTTPFields, kind: String = "total-knee-replacement", surgeryDate: String = "2026-11-01",
        email: String = "pat-\(UUID().uuidString.prefix(6))@home.test"
    ) async throws -> (id: String, headers: HTTPFields) {
        let created = try await execute(
            uri: "/api/v1/patients", method: .post, headers: clinician,
            body: Body.json(
                #"{"name":"Rosa Díaz","email":"\#(email)","surgery":{"kind":"\#(kind)","side":"left","date":"\#(surgeryDate)"}}"#
            ))
        #expect(created.status == .created)
        let document = try Body.object(created)
        let id = try #require(document["id"] as? String)
        let code = try #require(document["inviteCode"] as? String)
        let claimed = try await execute(
            uri: "/api/v1/auth/claim", method: .post,
            body: Body.json(#"{"inviteCode":"\#(code)","password":"\#(WebHarness.password)"}"#))
        #expect(claimed.status == .ok)
        let token = try #require(try Body.object(claimed)["token"] as? String)
        return (id, [.authorization: "Bearer \(token)", .contentType: "application/json"])
    }
}
