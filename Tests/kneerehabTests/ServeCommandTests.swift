import Foundation
import RehabChildProcess
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

/// `kneerehab serve --socket PATH` answers over a Unix socket, for a proxy on the same machine, and trusts the
/// `X-Forwarded-For` of its connections: the sign-in throttle holds up the client the proxy names, not the proxy.
@Suite(
    .enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl is not installed"))
struct ServeSocketTests {
    @Test func aProxyOnTheSocketNamesTheClient() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let socket = directory.appendingPathComponent("kneerehab.sock").path
        let server = try await KneeRehabServer(
            ["--demo", "--socket", socket, "--database", directory.appendingPathComponent("serve.sqlite").path])
        #expect(server.address == "the Unix socket \(socket)")
        /// The status of a wrong password for the demo's Margaret, sent as a proxy would for `client`.
        func wrongPassword(from client: String) async throws -> String {
            try await ChildProcess.run(
                "/usr/bin/curl",
                [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", socket, "-H",
                    "X-Forwarded-For: \(client)", "-H", "Content-Type: application/json", "--data",
                    #"{"email":"margaret@demo.kneerehab.test","password":"not-her-password"}"#,
                    "http://localhost/api/v1/auth/login",
                ]
            ).output
        }
        for _ in 1...5 { #expect(try await wrongPassword(from: "203.0.113.7") == "401") }
        #expect(try await wrongPassword(from: "203.0.113.7") == "429")
        #expect(try await wrongPassword(from: "198.51.100.2") == "401", "another client behind the proxy goes on")
        let outcome = try await server.stop(signal: SIGTERM)
        #expect(outcome.exitStatus == 0)
    }
}

/// `kneerehab serve --event-loops N` serves on N threads, counted by their names among the running server's
/// threads, and with `--tasks-on-event-loops` runs its work on them: the settings for several instances on one
/// machine (docs/deployment.md). Each way, a patient signs in and reads the plan.
@Suite(
    .enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"),
    .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/task"), "threads are listed in /proc"))
struct ServeThreadTests {
    @Test(arguments: [(1, false), (3, false), (1, true)])
    func theServerRunsOnTheThreadsItIsGiven(loops: Int, tasksOnEventLoops: Bool) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = try await KneeRehabServer(
            [
                "--demo", "--event-loops", "\(loops)", "--database",
                directory.appendingPathComponent("serve.sqlite").path,
            ] + (tasksOnEventLoops ? ["--tasks-on-event-loops"] : []))
        let tasks = "/proc/\(server.process.processID)/task"
        let names = try FileManager.default.contentsOfDirectory(atPath: tasks).compactMap {
            try? String(contentsOfFile: "\(tasks)/\($0)/comm", encoding: .utf8)
        }
        let plan = try await ServeCatalogTests.planNames(at: server.address)
        let outcome = try await server.stop(signal: SIGTERM)
        #expect(names.filter { $0.hasPrefix("NIO-SGLTN-") }.count == loops)
        #expect(plan.contains("Warm-up walk"))
        #expect(outcome.exitStatus == 0)
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
        let names = try await Self.planNames(at: server.address)
        #expect(names.contains("Clinic stroll"))
        #expect(!names.contains("Warm-up walk"))
    }

    /// The exercise names in the demo patient Margaret's plan, read through the API of the server at `address`.
    static func planNames(at address: String) async throws -> [String] {
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
        return try #require(
            ((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["exercises"] as? [[String: Any]])?
                .compactMap { $0["name"] as? String })
    }
}
