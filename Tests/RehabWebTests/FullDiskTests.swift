import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabCore
import RehabSQLite
import Testing

@testable import RehabWeb

/// The database on a disk that fills up: writes answer 503 with a plain error and a `Retry-After`, store nothing
/// of themselves, and go through again (stored once) when space comes back.
@Suite(.enabled(if: SmallDisk.isMountable, "mounting a small tmpfs needs root (CAP_SYS_ADMIN); skipped"))
struct FullDiskTests {
    static let session =
        #"{"date":"2026-11-24","painAfter":2,"exercises":[{"id":"quad-set","sets":3,"reps":10,"painDuring":2}]}"#

    static func keyed(_ headers: HTTPFields, _ key: String) -> HTTPFields {
        var headers = headers
        if let name = HTTPField.Name("Idempotency-Key") { headers[name] = key }
        return headers
    }

    @Test func aFullDiskAnswers503StoresNothingAndWritingResumesWhenSpaceReturns() async throws {
        let disk = try SmallDisk(megabytes: 8)
        defer { disk.unmount() }
        let path = disk.directory.appendingPathComponent("clinic.sqlite").path
        let store = try SQLiteStore(path: path)
        let harness = try await WebHarness.make(store: store, directory: disk.directory)
        try await harness.live { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let patientID = try #require(PatientID(uuidString: id))
            func stored() async throws -> Int {
                try await store.pool.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sessions") ?? -1
                }
            }
            let first = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: Self.keyed(patient, "before"),
                body: Body.json(Self.session))
            #expect(first.status == .created)

            disk.fill()
            // Some writes may still fit in pages SQLite already holds; the disk is full within a few.
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
            for word in ["Rosa", "quad", "pain", "2026-11-24", "sqlite", "SQLITE", "disk I/O"] {
                #expect(!text.contains(word), "\(word) in the error")
            }
            #expect(try await stored() == acknowledged, "the refused session is not stored, not even in part")

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
            #expect(try await stored() == acknowledged + 1, "stored exactly once")
            let actor = AuditActor(.system, origin: "test", at: WebHarness.clock)
            #expect(try await store.sessions(of: patientID, by: actor).count == acknowledged + 1)
            let check = try await store.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(check == ["ok"])
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
