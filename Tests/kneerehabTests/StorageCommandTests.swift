import Foundation
import RehabCore
import RehabSQLite
import Testing

/// Where the storage commands write in a test: a fresh SQLite file, or the PostgreSQL test database when
/// `KNEEREHAB_TEST_POSTGRES_URL` is set (emails are unique per run, so runs do not collide there).
enum StorageCommandDatabase {
    static let postgresURL: String? = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }
    /// The engines to run each case on: SQLite always, PostgreSQL when configured.
    static let engines: [String] = ["sqlite"] + (postgresURL == nil ? [] : ["postgres"])

    /// A `--database` value for `engine`.
    static func make(_ engine: String) throws -> String {
        if engine == "postgres", let url = postgresURL { return url }
        return try directory().appendingPathComponent("kneerehab.sqlite").path
    }

    /// A fresh temporary directory.
    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kr-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// An email no earlier run used.
    static func email() -> String { "clin-\(UUID().uuidString.prefix(8).lowercased())@clinic.test" }
}

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct StorageCommandTests {
    @Test(arguments: StorageCommandDatabase.engines)
    func migratingTwiceChangesNothing(engine: String) async throws {
        let database = try StorageCommandDatabase.make(engine)
        let first = try await KneeRehabBinary.run(["migrate", "--database", database], input: "")
        #expect(first.status == 0, "\(first.err)")
        if engine == "sqlite" { #expect(first.out.contains("applied v1-initial-schema")) }
        let second = try await KneeRehabBinary.run(["migrate", "--database", database], input: "")
        #expect(second.status == 0)
        #expect(second.out == "schema up to date\n")
    }

    @Test(arguments: StorageCommandDatabase.engines)
    func userAddReadsThePasswordAndRefusesATakenEmail(engine: String) async throws {
        let database = try StorageCommandDatabase.make(engine)
        let email = StorageCommandDatabase.email()
        let add = ["user", "add", "--role", "clinician", "--email", email, "--name", "Dr Ana", "--database", database]
        let first = try await KneeRehabBinary.run(add, input: "correct horse battery\n")
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.hasPrefix("added clinician "))
        let again = try await KneeRehabBinary.run(
            ["user", "add", "--role", "admin", "--email", email.uppercased(), "--name", "X", "--database", database],
            input: "another password\n")
        #expect(again.status == 1)
        #expect(again.err.split(separator: "\n").count == 1)
        #expect(again.err.contains("--email: is already used by another account"))
        #expect(!again.err.contains(email))
    }

    @Test func userAddRefusesAShortPassword() async throws {
        let database = try StorageCommandDatabase.make("sqlite")
        let result = try await KneeRehabBinary.run(
            ["user", "add", "--role", "admin", "--email", "a@b.test", "--name", "A", "--database", database],
            input: "short\n")
        #expect(result.status == 1)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.contains("password: must have at least 8 characters"))
    }

    @Test func removeSecondFactorEndsTheFactorAndTheSignIns() async throws {
        let database = try StorageCommandDatabase.make("sqlite")
        let email = StorageCommandDatabase.email()
        let add = ["user", "add", "--role", "clinician", "--email", email, "--name", "Dr Lu", "--database", database]
        #expect(try await KneeRehabBinary.run(add, input: "correct horse battery\n").status == 0)
        let store = try SQLiteStore(path: database)
        let account = try #require(try await store.account(email: email))
        let system = AuditActor(.system, origin: "test", at: Date())
        try await store.enrolSecondFactor(
            StoredSecondFactor(accountID: account.id, sealedSecret: Data([7]), enrolledAt: Date()),
            recoveryCodeHashes: ["r"], by: system)
        let signIn = SignInToken(
            tokenHash: "t-\(UUID())", accountID: account.id, expiresAt: Date().addingTimeInterval(600),
            formToken: "f", createdAt: Date())
        try await store.createSignIn(signIn)
        let remove = ["user", "remove-second-factor", "--email", email.uppercased(), "--database", database]

        let removed = try await KneeRehabBinary.run(remove, input: "")
        #expect(removed.status == 0, "\(removed.err)")
        #expect(removed.out == "removed the second factor; every sign-in of the account has ended\n")
        #expect(try await store.secondFactor(of: account.id) == nil)
        #expect(try await store.signInToken(tokenHash: signIn.tokenHash, now: Date()) == nil)
        let audited = try await store.auditEntries(AuditQuery(action: .secondFactorRemove))
        #expect(audited.map(\.origin) == ["cli"])

        let again = try await KneeRehabBinary.run(remove, input: "")
        #expect(again.status == 1)
        #expect(again.err == "error: --email: this account has no second factor\n")
        let nobody = try await KneeRehabBinary.run(
            ["user", "remove-second-factor", "--email", "nobody@clinic.test", "--database", database], input: "")
        #expect(nobody.status == 1)
        #expect(nobody.err == "error: --email: no account signs in with this email\n")
        #expect(try await store.auditEntries(AuditQuery(action: .secondFactorRemove)).count == 1, "nothing more")
    }

    @Test func backupWritesADatabaseThatOpens() async throws {
        let directory = try StorageCommandDatabase.directory()
        let database = directory.appendingPathComponent("live.sqlite").path
        let copy = directory.appendingPathComponent("copy.sqlite").path
        let email = StorageCommandDatabase.email()
        let add = ["user", "add", "--role", "clinician", "--email", email, "--name", "Dr B"]
        #expect(try await KneeRehabBinary.run(add + ["--database", database], input: "password-1\n").status == 0)
        let backup = try await KneeRehabBinary.run(["backup", copy, "--database", database], input: "")
        #expect(backup.status == 0, "\(backup.err)")
        #expect(FileManager.default.fileExists(atPath: copy))
        let opened = try await KneeRehabBinary.run(["migrate", "--database", copy], input: "")
        #expect(opened.status == 0 && opened.out == "schema up to date\n", "the copy opens with its schema")
        let taken = try await KneeRehabBinary.run(add + ["--database", copy], input: "password-2\n")
        #expect(taken.status == 1 && taken.err.contains("already used"), "the copy holds the account")
        let overwrite = try await KneeRehabBinary.run(["backup", copy, "--database", database], input: "")
        #expect(overwrite.status == 1 && overwrite.err.contains("already exists"))
    }

    @Test func backupOfPostgreSQLPointsToPgDump() async throws {
        let result = try await KneeRehabBinary.run(
            ["backup", "/tmp/never-written.dump", "--database", "postgres://user:secret@127.0.0.1:1/db"], input: "")
        #expect(result.status == 1)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.contains("--database") && result.err.contains("pg_dump"))
        #expect(!result.err.contains("secret"))
    }
}

@Suite(.enabled(if: KneeRehabBinary.url != nil, "the kneerehab binary is not built next to the tests"))
struct ServeOptionTests {
    @Test(arguments: [
        (["serve", "--record-cache=-1"], "error: --record-cache: must be 0 or more"),
        (["serve", "--port", "70000"], "error: --port: must be 0 to 65535"),
        (["serve", "--event-loops", "0"], "error: --event-loops: must be 1 to 256"),
        (
            ["serve", "--trusted-proxy", "127.0.0.1", "--trusted-proxy", "proxy.example"],
            "error: --trusted-proxy: proxy.example is not an IP address"
        ),
        (["serve", "--socket", ""], "error: --socket: must be a file path under 108 bytes"),
        (
            ["serve", "--socket", "/tmp/kneerehab.sock", "--smtp", "smtp://127.0.0.1:2525", "--mail-from", "r@c.test"],
            "error: --public-url: is needed with --smtp and --socket"
        ),
    ])
    func badOptionsAreOneLineNamingTheOption(arguments: [String], message: String) async throws {
        let database = try StorageCommandDatabase.directory().appendingPathComponent("unused.sqlite").path
        let result = try await KneeRehabBinary.run(arguments + ["--database", database], input: "")
        #expect(result.status == 1)
        #expect(result.err == message + "\n")
        #expect(!FileManager.default.fileExists(atPath: database), "nothing is created")
    }

    /// The demo's passwords are public: it goes only into an empty database, never beside a clinic's accounts.
    @Test func theDemoRefusesADatabaseWithOtherAccounts() async throws {
        let database = try StorageCommandDatabase.make("sqlite")
        let add = ["user", "add", "--role", "admin", "--email", "boss@clinic.test", "--name", "Boss", "--database"]
        #expect(try await KneeRehabBinary.run(add + [database], input: "correct horse battery\n").status == 0)
        let demo = try await KneeRehabBinary.run(
            ["serve", "--demo", "--port", "0", "--database", database], input: "")
        #expect(demo.status == 1)
        // The server's start-up log comes first; the error is the last line, and the only one.
        let lines = demo.err.split(separator: "\n")
        #expect(lines.last?.hasPrefix("error: --demo: the database holds other accounts") == true, "\(demo.err)")
        #expect(lines.filter { $0.contains("error") }.count == 1)
        let store = try SQLiteStore(path: database)
        #expect(try await store.account(email: "admin@demo.kneerehab.test") == nil, "no demo admin added")
        #expect(try await store.clinicians().isEmpty, "nor the demo clinic")
    }
}
