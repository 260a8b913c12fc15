import Benchmark
import Foundation
import RehabCore
import RehabPostgres
import RehabSQLite

/// Storage figures of issue 3, per engine, in one run:
/// - `recordSession` throughput against the raw INSERT of the same row into the same table (goal ≥ 50 % of raw),
///   and on SQLite also with the record cache off;
/// - a clinician's patient list (500 patients, ordered by need) on the generated 10,000-patient × 180-day data
///   set (goal p99 < 20 ms);
/// - the data set's size per patient-year.
///
/// PostgreSQL runs when `KNEEREHAB_BENCH_POSTGRES_URL` is set (see docs/storage.md for a durable local server).
let benchmarks: @Sendable () -> Void = {
    register(engine: "SQLite", writes: setUpSQLiteWrites, dataSet: setUpSQLiteDataSet)
    if BenchDatabases.postgresURL != nil {
        register(engine: "PostgreSQL", writes: setUpPostgresWrites, dataSet: setUpPostgresDataSet)
    }
}

/// What the benchmarks of one process share: each benchmark runs in its own process, after its own set-up.
final class BenchState: @unchecked Sendable {
    var store: (any RehabStore)?
    var rawInsert: (@Sendable (SessionWrite) async throws -> Void)?
    var fixture: WriteFixture?
    var clinicians: [AccountID] = []
    var bytes = 0
    var counter = 0
    var stop: (@Sendable () -> Void)?
}

let state = BenchState()

private func register(
    engine: String, writes: @escaping Benchmark.BenchmarkSetupHook, dataSet: @escaping Benchmark.BenchmarkSetupHook
) {
    let teardown: Benchmark.BenchmarkTeardownHook = { state.stop?() }
    func writeConfiguration(_ setup: @escaping Benchmark.BenchmarkSetupHook) -> Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.throughput, .wallClock], warmupIterations: 50, maxDuration: .seconds(10),
            maxIterations: 20_000, setup: setup, teardown: teardown)
    }
    let write = writeConfiguration(writes)
    let recordSessions: Benchmark.BenchmarkAsyncThrowingClosure = { benchmark in
        guard let store = state.store, let fixture = state.fixture else { throw BenchError("no set-up") }
        for _ in benchmark.scaledIterations {
            state.counter += 1
            try await WriteFixture.recordSession(store, fixture.write(state.counter))
        }
    }
    Benchmark("\(engine) recordSession", configuration: write, closure: recordSessions)
    if engine == "SQLite" {
        Benchmark(
            "SQLite recordSession, history not cached",
            configuration: writeConfiguration(setUpSQLiteWritesWithoutRecordCache),
            closure: recordSessions)
    }
    Benchmark("\(engine) raw session INSERT", configuration: write) { benchmark in
        guard let insert = state.rawInsert, let fixture = state.fixture else { throw BenchError("no set-up") }
        for _ in benchmark.scaledIterations {
            state.counter += 1
            try await insert(fixture.write(state.counter).0)
        }
    }
    let list = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], warmupIterations: 10, maxDuration: .seconds(10), maxIterations: 2_000,
        setup: dataSet, teardown: teardown)
    Benchmark("\(engine) patient list of 500, 10k-patient data set", configuration: list) { benchmark in
        guard let store = state.store, !state.clinicians.isEmpty else { throw BenchError("no set-up") }
        for _ in benchmark.scaledIterations {
            state.counter += 1
            let clinician = state.clinicians[state.counter % state.clinicians.count]
            blackHole(
                try await store.patients(
                    PatientListQuery(clinicianID: clinician, policy: DataSet.policy, asOf: DataSet.asOf)))
        }
    }
    let size = Benchmark.Configuration(
        metrics: [.custom("bytes per patient-year", useScalingFactor: false)], warmupIterations: 0, maxIterations: 1,
        setup: dataSet, teardown: teardown)
    Benchmark("\(engine) data set size", configuration: size) { benchmark in
        benchmark.measurement(
            .custom("bytes per patient-year", useScalingFactor: false), Int(Double(state.bytes) / DataSet.patientYears))
    }
}

private func setUpSQLiteWrites() async throws {
    let store = try BenchDatabases.freshSQLite("writes.sqlite")
    state.store = store
    state.rawInsert = { write in try await WriteFixture.rawInsert(store.pool, write) }
    state.fixture = try await WriteFixture.make(store)
}

/// The same writes with the record cache off: every write decodes the patient's history, as for a patient whose
/// record this server has not read lately.
private func setUpSQLiteWritesWithoutRecordCache() async throws {
    let store = try BenchDatabases.freshSQLite("writes.sqlite", recordCacheEntries: 0)
    state.store = store
    state.fixture = try await WriteFixture.make(store)
}

private func setUpPostgresWrites() async throws {
    let running = try await RunningPostgres(
        url: try await BenchDatabases.preparePostgres("kr_bench_writes", fresh: true))
    state.store = running.store
    state.stop = { running.stop() }
    state.rawInsert = { write in try await WriteFixture.rawInsert(running.store.client, write) }
    state.fixture = try await WriteFixture.make(running.store)
}

private func setUpSQLiteDataSet() async throws {
    let store = try await DataSet.sqlite()
    state.store = store
    state.clinicians = try await DataSet.clinicianIDs(store)
    state.bytes = try DataSet.sqliteBytes(store)
    try await checkList(store)
}

private func setUpPostgresDataSet() async throws {
    let running = try await DataSet.postgres()
    state.store = running.store
    state.stop = { running.stop() }
    state.clinicians = try await DataSet.clinicianIDs(running.store.client)
    state.bytes = try await DataSet.postgresBytes(running.store.client)
    try await checkList(running.store)
}

/// The data set is what the figures claim: 20 clinicians, each list 500 long.
private func checkList(_ store: any RehabStore) async throws {
    guard state.clinicians.count == DataSet.clinicians, let first = state.clinicians.first else {
        throw BenchError("the data set has \(state.clinicians.count) clinicians")
    }
    let list = try await store.patients(
        PatientListQuery(clinicianID: first, policy: DataSet.policy, asOf: DataSet.asOf))
    guard list.count == DataSet.patientsPerClinician else { throw BenchError("a list of \(list.count)") }
}
