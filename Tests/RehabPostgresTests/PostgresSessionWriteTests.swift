import Foundation
import RehabCore
import RehabPostgres
import RehabTesting
import Synchronization
import Testing

/// `recordSession` writes without a row lock when the history's version has not moved, and each server instance
/// caches decoded histories by that version. These cases run two instances on one database, as a deployment with
/// several servers does, and check that no write is reviewed without the history another instance just wrote.
struct PostgresSessionWriteTests {
    /// What the reviews saw, by the session they reviewed (the last review of a write is the one that was stored).
    final class Seen: Sendable {
        private let records = Mutex<[SessionID: PatientRecord]>([:])

        func review(_ id: SessionID) -> @Sendable (PatientRecord) throws -> SessionReview {
            { record in
                self.records.withLock { $0[id] = record }
                return try StorageClinic.review(record)
            }
        }

        /// How many sessions and measurements the last review of `id` saw, and its confirmed phase.
        func of(_ id: SessionID) -> [String]? {
            records.withLock { $0[id] }.map { ["\($0.sessions.count)", "\($0.measurements.count)", $0.phase ?? "-"] }
        }
    }

    /// Runs `body` with two store instances on one fresh database and a clinic made through the first.
    static func withTwoInstances(
        _ url: String, _ body: (PostgresStore, PostgresStore, StorageClinic) async throws -> Void
    ) async throws {
        try await TestDatabase.withFreshStore(url) { (first: PostgresStore, freshURL: String) async throws in
            try await PostgresStore.withStore(url: freshURL) { second in
                try await body(first, second, try await StorageClinic.make(first))
            }
        }
    }

    @Test(arguments: TestDatabase.urls)
    func aWriteThroughAnotherInstanceReachesTheNextReview(_ url: String) async throws {
        try await Self.withTwoInstances(url) { first, second, clinic in
            let a = clinic.patientA.id
            let seen = Seen()
            func record(_ day: Int, through store: PostgresStore) async throws -> SessionID {
                let write = SessionWrite(patientID: a, session: StorageClinic.session(day: day))
                _ = try await store.recordSession(
                    write, idempotency: nil, by: clinic.asPatientA, review: seen.review(write.id),
                    respond: StorageClinic.respond)
                return write.id
            }
            _ = try await record(1, through: first)
            _ = try await record(2, through: first)
            let measurement = RehabCore.Measurement(
                date: StorageClinic.surgeryDate.adding(days: 3), kind: .kneeFlexion, side: .left, value: 85,
                method: nil)
            _ = try await second.recordMeasurement(measurement, id: .generate(), for: a, by: clinic.asA)
            // The first instance has this history cached from its last write; the measurement moved the version.
            let third = try await record(4, through: first)
            #expect(seen.of(third) == ["3", "1", "-"])
            let fourth = try await record(5, through: second)
            #expect(seen.of(fourth) == ["4", "1", "-"])
            let fifth = try await record(6, through: first)
            #expect(seen.of(fifth) == ["5", "1", "-"])
            // A clinician confirms the next phase through the second instance; the first one's next write sees it.
            let change = ProgramChange(prescriptions: [], confirmPhase: "tkr-2")
            _ = try await second.changeProgram(change, for: a, by: clinic.asA) { record in
                try #require(try StorageClinic.review(record).draft)
            }
            let sixth = try await record(7, through: first)
            #expect(seen.of(sixth) == ["6", "1", "tkr-2"])
            #expect(try await first.sessions(of: a, by: clinic.asA).count == 6)
        }
    }

    @Test(arguments: TestDatabase.urls)
    func twoInstancesWritingAtOnceKeepOneChain(_ url: String) async throws {
        try await Self.withTwoInstances(url) { first, second, clinic in
            let a = clinic.patientA.id
            let count = 60
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask {
                        _ = try await store.recordSession(
                            SessionWrite(patientID: a, session: StorageClinic.session(day: 2 + index % 20)),
                            idempotency: nil, by: clinic.asPatientA, review: StorageClinic.reviewChangingEachTime,
                            respond: StorageClinic.respond)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await first.sessions(of: a, by: clinic.asA).count == count)
            let revisions = try await second.planRevisions(of: a, by: clinic.asA)
            #expect(revisions.map(\.number) == Array(1...count))
            #expect(revisions.allSatisfy { $0.previous == ($0.number == 1 ? nil : $0.number - 1) })
            // Each review wrote the number of sessions it saw: the k-th write saw all k.
            #expect(revisions.allSatisfy { $0.plan.exercises.first?.reps == $0.number })
        }
    }
}
