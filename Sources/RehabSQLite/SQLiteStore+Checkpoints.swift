import Foundation
import GRDB
import RehabCore

/// WAL checkpoints mostly off the write path.
///
/// By default SQLite checkpoints inside the commit that takes the WAL past 1,000 pages: that one write copies the
/// pages into the database file and syncs it, and every write queued behind the single writer waits for it. A
/// server instead runs `checkpointInBackground`. Every interval a connection of its own makes a passive checkpoint,
/// which copies the pages and syncs the file without blocking the writer or the readers.
///
/// Every few intervals the writer makes one more, which has only the pages written meanwhile to copy. That step
/// matters: SQLite starts the WAL again from its beginning only at a write that finds every page already copied,
/// which a checkpoint outside the writer never sees while writes keep coming (the WAL grew past 1 GB in a
/// 10-second load test without it). It is also the one step every write waits for: 12–20 ms under the load test's
/// paced writes, almost all of it the two syncs, however few pages are left. Every write that arrives meanwhile
/// waits, so each of these steps made a burst of about 30 slow answers, and at one a second those bursts were most
/// of the slowest 1 % of writes. It therefore runs every 2 seconds (8 intervals), right after a second background
/// pass has left it as little as possible to copy: in the load test's paced run the client's 99th percentile went
/// from 10.5–14.1 ms to 9.0–9.2 ms. The price is a longer WAL between restarts under heavy writing (2 seconds of
/// writes instead of 1); on a quiet server the background pass copies everything and SQLite restarts the WAL at the
/// next write without this step having anything to do.
extension SQLiteStore {
    /// How often `checkpointInBackground` checkpoints by default.
    public static let checkpointInterval = Duration.milliseconds(250)

    /// Every how many intervals the writer's own checkpoint lets the WAL start again, by default.
    public static let walRestartIntervals = 8

    /// Checkpoints every `interval` on a connection of its own until the task is cancelled, and every
    /// `restartEvery` intervals in the writer too; meanwhile the writer's automatic checkpoints are off (and on
    /// again afterwards). A failed checkpoint is retried at the next interval.
    public func checkpointInBackground(
        every interval: Duration = SQLiteStore.checkpointInterval,
        restartEvery rounds: Int = SQLiteStore.walRestartIntervals
    ) async throws {
        let checkpointer = try WALCheckpointer(path: pool.path)
        try setAutomaticCheckpoints(false)
        var round = 0
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                break
            }
            round += 1
            // Most pages move here, off the write path.
            _ = try? await checkpointer.checkpoint()
            guard round % max(1, rounds) == 0 else { continue }
            // A second pass moves what was written during the first, so the writer then has only the pages
            // written during the second to move, and its next write starts the WAL again from the beginning.
            _ = try? await checkpointer.checkpoint()
            _ = try? await pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
        // After cancellation too: a synchronous write, which a cancelled task may still make.
        try setAutomaticCheckpoints(true)
    }

    /// Turns the writer's automatic checkpoints (at 1,000 WAL pages, SQLite's default) on or off.
    func setAutomaticCheckpoints(_ on: Bool) throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(on ? 1000 : 0)")
        }
    }
}

/// A connection of its own that runs passive checkpoints: they copy what no reader still needs and never wait
/// for, or block, the writer or the readers.
struct WALCheckpointer: Sendable {
    let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.publicStatementArguments = false
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// One passive checkpoint: how many pages the WAL holds and how many of them are now in the database file.
    /// It runs on the connection's own thread, so no task thread waits for the file to sync.
    func checkpoint() async throws -> (walPages: Int, moved: Int) {
        try await queue.writeWithoutTransaction { db in
            let result = try db.checkpoint(.passive)
            return (result.walFrameCount, result.checkpointedFrameCount)
        }
    }
}
