import Foundation
import Logging
import PostgresNIO
import RehabCore
import RehabPostgres
import RehabStorageKit

extension DataSet {
    /// The data set's PostgreSQL database name.
    static let postgresDatabase = "kr_bench_dataset"

    /// The PostgreSQL data set, generated on first use (COPY) and reused after.
    static func postgres() async throws -> RunningPostgres {
        let url = try await BenchDatabases.preparePostgres(postgresDatabase, fresh: false)
        let existing = try await RunningPostgres(url: url)
        let done = try await existing.store.client.query(
            "SELECT 1 FROM pg_tables WHERE tablename = 'bench_dataset_done'"
        ).collect()
        if !done.isEmpty { return existing }
        existing.stop()
        let running = try await RunningPostgres(
            url: try await BenchDatabases.preparePostgres(postgresDatabase, fresh: true))
        let ids = try await makePatients(running.store)
        try await copy(running.store.client, ids)
        try await running.store.client.query("VACUUM ANALYZE")
        try await running.store.client.query("CREATE TABLE bench_dataset_done (at timestamptz)")
        return running
    }

    /// Streams the sessions and check-ins with COPY, one patient at a time.
    private static func copy(_ client: PostgresClient, _ ids: [PatientID]) async throws {
        let logger = Logger(label: "bench")
        let created = ISO8601DateFormatter().string(from: WriteFixture.now)
        let triage = escape(try StorageCoding.encode(calmTriage, "triage"))
        let level = calmTriage.level.rawValue
        try await client.withConnection { connection in
            try await connection.copyFrom(
                table: "sessions",
                columns: ["id", "patient_id", "date", "pain_after", "session_json", "created_at"], logger: logger
            ) { writer in
                var buffer = ByteBuffer()
                for (index, id) in ids.enumerated() {
                    for row in try rows(patient: index).sessions {
                        buffer.writeString(
                            "\(row.id)\t\(id)\t\(row.date)\t\(row.pain.map(String.init) ?? "\\N")\t"
                                + "\(escape(row.json))\t\(created)\n")
                    }
                    if buffer.readableBytes > 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                try await writer.write(buffer)
            }
            try await connection.copyFrom(
                table: "check_ins",
                columns: ["id", "patient_id", "date", "triage_level", "check_in_json", "triage_json", "created_at"],
                logger: logger
            ) { writer in
                var buffer = ByteBuffer()
                for (index, id) in ids.enumerated() {
                    for row in try rows(patient: index).checkIns {
                        buffer.writeString(
                            "\(row.id)\t\(id)\t\(row.date)\t\(level)\t\(escape(row.json))\t\(triage)\t\(created)\n")
                    }
                    if buffer.readableBytes > 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                try await writer.write(buffer)
            }
        }
    }

    /// COPY's text format: a backslash is written twice.
    private static func escape(_ text: String) -> String {
        text.contains("\\") ? text.replacingOccurrences(of: "\\", with: "\\\\") : text
    }

    /// The clinicians of the PostgreSQL data set, in order.
    static func clinicianIDs(_ client: PostgresClient) async throws -> [AccountID] {
        try await client.query("SELECT id FROM accounts WHERE role = 'clinician' ORDER BY email").collect()
            .map { AccountID(rawValue: try $0.decode(UUID.self)) }
    }

    /// The database's size in bytes.
    static func postgresBytes(_ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT pg_database_size(current_database())").collect().first?.decode(Int.self) ?? 0
    }
}
