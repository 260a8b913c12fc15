import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import RehabCore
import RehabPostgres
import RehabSQLite
import Testing

@testable import RehabWeb

/// The database on a disk that fills up, on both engines: writes answer 503 with a plain error and a `Retry-After`,
/// store nothing of themselves, and go through again (stored once) when space comes back. PostgreSQL's case puts the
/// test's database in a tablespace on the small disk, so the server must run on this machine (as CI's does).
@Suite(.enabled(if: SmallDisk.isMountable, "mounting a small tmpfs needs root (CAP_SYS_ADMIN); skipped"))
struct FullDiskTests {
    static let session =
        #"{"date":"2026-11-24","painAfter":2,"exercises":[{"id":"quad-set","sets":3,"reps":10,"painDuring":2}]}"#

    static func keyed(_ headers: HTTPFields, _ key: String) -> HTTPFields {
        var headers = headers
        if let name = HTTPField.Name("Idempotency-Key") { headers[name] = key }
        return headers
    }

    /// SQLite always; PostgreSQL when its server runs on this machine (its URL names a loopback address), since the
    /// test mounts the small disk here and makes a tablespace on it.
    static let engines: [String] =
        ["sqlite"]
        + (WebEngine.postgresURL.flatMap { URLComponents(string: $0)?.host }.map {
            ["127.0.0.1", "localhost", "::1", "[::1]"].contains($0)
        } == true ? ["postgres"] : [])

    @Test(arguments: engines)
    func aFullDiskAnswers503StoresNothingAndWritingResumesWhenSpaceReturns(_ engine: String) async throws {
        let disk = try SmallDisk(megabytes: 16)
        defer { disk.unmount() }
        if engine == "postgres" {
            try await SmallTablespace.with(on: disk) { tablespace in
                try await WebEngine.withHarness(engine, tablespace: tablespace) { harness in
                    try await Self.fillAndRecover(harness, disk: disk)
                }
            }
        } else {
            let store = try SQLiteStore(path: disk.directory.appendingPathComponent("clinic.sqlite").path)
            try await Self.fillAndRecover(
                try await WebHarness.make(store: store, directory: disk.directory), disk: disk)
        }
    }

    static func fillAndRecover(_ harness: WebHarness, disk: SmallDisk) async throws {
        let store = harness.services.store
        try await harness.live { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let patientID = try #require(PatientID(uuidString: id))
            let first = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: Self.keyed(patient, "before"),
                body: Body.json(Self.session))
            #expect(first.status == .created)

            disk.fill()
            // Some writes may still fit in pages the database already holds; the disk is full within a few.
            var acknowledged = 1
            var refused: (key: String, response: TestResponse)?
            for attempt in 0..<500 where refused == nil {
                let key = "full-\(attempt)"
                let response = try await client.execute(
                    uri: "/api/v1/me/sessions", method: .post, headers: Self.keyed(patient, key),
                    body: Body.json(Self.session))
                if response.status == .created {
                    acknowledged += 1
                } else {
                    refused = (key, response)
                }
            }
            let (key, response) = try #require(refused, "the disk never filled")
            #expect(response.status == .serviceUnavailable)
            #expect(try Body.error(response).code == "storage-full")
            #expect((response.headers[.retryAfter].flatMap { Int($0) } ?? 0) > 0)
            let text = Body.text(response)
            for word in [
                "Rosa", "quad", "pain", "2026-11-24", "sqlite", "SQLITE", "disk I/O", "pg_tblspc", "extend", "53100",
            ] {
                #expect(!text.contains(word), "\(word) in the error")
            }
            #expect(try await storedSessions(in: store) == acknowledged, "the refused session is not stored")

            disk.freeSpace()
            let retried = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: Self.keyed(patient, key),
                body: Body.json(Self.session))
            #expect(retried.status == .created, "the same key goes through once there is room")
            let replayed = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: Self.keyed(patient, key),
                body: Body.json(Self.session))
            #expect(replayed.status == .created)
            #expect(Body.text(replayed) == Body.text(retried), "a second retry is the stored answer")
            #expect(try await storedSessions(in: store) == acknowledged + 1, "stored exactly once")
            let actor = AuditActor(.system, origin: "test", at: WebHarness.clock)
            #expect(try await store.sessions(of: patientID, by: actor).count == acknowledged + 1)
            try await expectIntact(store)
        }
    }

    /// The sessions stored, counted without the audited read (which would itself write).
    static func storedSessions(in store: any RehabStore) async throws -> Int {
        if let sqlite = store as? SQLiteStore {
            return try await sqlite.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") ?? -1 }
        }
        let postgres = try #require(store as? PostgresStore)
        for try await count in try await postgres.client.query("SELECT COUNT(*)::int8 FROM sessions").decode(Int.self) {
            return count
        }
        return -1
    }

    /// SQLite's `integrity_check`; on PostgreSQL, `amcheck` over every index of the sessions table, with every row
    /// looked up in each.
    static func expectIntact(_ store: any RehabStore) async throws {
        if let sqlite = store as? SQLiteStore {
            let check = try await sqlite.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(check == ["ok"])
            return
        }
        let postgres = try #require(store as? PostgresStore)
        try await postgres.client.query("CREATE EXTENSION IF NOT EXISTS amcheck")
        let checks = try await postgres.client.query(
            """
            SELECT COUNT(bt_index_check(indexrelid, true))::int8 FROM pg_index
            WHERE indrelid = 'sessions'::regclass
            """)
        for try await indexes in checks.decode(Int.self) { #expect(indexes > 0) }
    }
}

/// A PostgreSQL tablespace on a `SmallDisk`, for one test: the disk is handed to the server's own user first.
enum SmallTablespace {
    static func with<T: Sendable>(on disk: SmallDisk, _ body: (String) async throws -> T) async throws -> T {
        let url = try #require(WebEngine.postgresURL)
        let name = "kr_small_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try await PostgresStore.withStore(url: url) { admin in
            var dataDirectory = ""
            for try await path in try await admin.client.query("SHOW data_directory").decode(String.self) {
                dataDirectory = path
            }
            let owner = try FileManager.default.attributesOfItem(atPath: dataDirectory)
            let user = try #require(owner[.ownerAccountID] as? NSNumber)
            let group = try #require(owner[.groupOwnerAccountID] as? NSNumber)
            #expect(chown(disk.directory.path, user.uint32Value, group.uint32Value) == 0)
            try await admin.client.query(
                "CREATE TABLESPACE \(unescaped: name) LOCATION '\(unescaped: disk.directory.path)'")
        }
        func drop() async throws {
            _ = try await PostgresStore.withStore(url: url) { admin in
                try await admin.client.query("DROP TABLESPACE IF EXISTS \(unescaped: name)")
            }
        }
        do {
            let value = try await body(name)
            try await drop()
            return value
        } catch {
            try? await drop()
            throw error
        }
    }
}

/// A small tmpfs mounted for one test, and a filler file that takes all of its free space.
struct SmallDisk: Sendable {
    let directory: URL
    var filler: URL { directory.appendingPathComponent("filler") }

    /// Whether this machine lets the tests mount a tmpfs (root in a machine or container that allows it).
    static let isMountable: Bool = {
        guard getuid() == 0, let probe = try? SmallDisk(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("small-disk-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard mount("tmpfs", directory.path, "tmpfs", 0, "size=\(megabytes)m") == 0 else {
            try? FileManager.default.removeItem(at: directory)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    /// Writes zeros until the disk refuses more.
    func fill() {
        let descriptor = open(filler.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Deletes the filler.
    func freeSpace() { try? FileManager.default.removeItem(at: filler) }

    func unmount() {
        _ = umount2(directory.path, Int32(MNT_DETACH))
        try? FileManager.default.removeItem(at: directory)
    }
}
