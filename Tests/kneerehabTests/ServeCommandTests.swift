import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `kneerehab serve` shuts down cleanly on SIGTERM and SIGINT: exit status 0, with the SQLite store's background
/// checkpoints stopped and the database intact.
@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ServeCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheServerCleanly(_ signal: Int32) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("serve.sqlite").path
        let server = try await KneeRehabServer(database: database)
        #expect(server.address.hasPrefix("http://127.0.0.1:"))
        let outcome = try await server.stop(signal: signal)
        #expect(outcome.exitStatus == 0, "exit status 0, not ended by the signal")
        let check = try await KneeRehabBinary.run(["migrate", "--database", database], input: "")
        #expect(check.status == 0 && check.out == "schema up to date\n")
    }
}

/// `kneerehab serve --catalog DIR` serves a clinic's catalog: an exercise renamed in the clinic's `exercises.yaml`
/// reaches a patient's plan through the API.
@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ServeCatalogTests {
    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/RehabCore/Resources/catalog/exercises.yaml")

    @Test func aClinicsCatalogReachesThePlan() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let exercises = try String(contentsOf: Self.bundled, encoding: .utf8)
        #expect(exercises.contains("    name: Warm-up walk\n"))
        try exercises.replacingOccurrences(of: "    name: Warm-up walk\n", with: "    name: Clinic stroll\n")
            .write(to: directory.appendingPathComponent("exercises.yaml"), atomically: true, encoding: .utf8)
        let server = try await KneeRehabServer([
            "--demo", "--catalog", directory.path, "--database", directory.appendingPathComponent("serve.sqlite").path,
        ])
        defer { server.process.send(SIGTERM) }
        let address = server.address
        var login = URLRequest(url: try #require(URL(string: "\(address)api/v1/auth/login")))
        login.httpMethod = "POST"
        login.setValue("application/json", forHTTPHeaderField: "Content-Type")
        login.httpBody = Data(#"{"email":"margaret@demo.kneerehab.test","password":"demo-knee-2026"}"#.utf8)
        let (signedIn, _) = try await URLSession.shared.data(for: login)
        let token = try #require(
            (try JSONSerialization.jsonObject(with: signedIn) as? [String: Any])?["token"] as? String)
        var plan = URLRequest(url: try #require(URL(string: "\(address)api/v1/me/plan")))
        plan.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (body, _) = try await URLSession.shared.data(for: plan)
        let names =
            ((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["exercises"] as? [[String: Any]])?
            .compactMap { $0["name"] as? String }
        #expect(names?.contains("Clinic stroll") == true)
        #expect(names?.contains("Warm-up walk") == false)
    }
}
