import Foundation
import RehabCore

/// Decoded patient histories kept between writes, so `recordSession` does not decode a patient's whole history
/// again for every new session.
///
/// Sessions, check-ins, measurements and prescriptions are append-only, so a history is identified by the newest
/// row id of each table for the patient: an entry is used only when those four numbers still match the database,
/// whoever wrote meanwhile (another process on the same file included). A session written through this store is
/// appended to the entry only once its transaction has committed. At most `capacity` patients are kept; the
/// least recently used goes first.
final class RecordCache: @unchecked Sendable {
    /// The newest row id of each history table for one patient (0 when it has none).
    struct Version: Equatable, Sendable {
        var sessions: Int64
        var checkIns: Int64
        var measurements: Int64
        var prescriptions: Int64
    }

    /// The cached parts of a record (surgery and confirmed phase are read fresh from the patient row).
    struct History: Sendable {
        var sessions: [ExerciseSession]
        var checkIns: [CheckIn]
        var measurements: [RehabCore.Measurement]
        var prescriptions: [Prescription]
    }

    private struct Entry {
        var history: History
        var version: Version
        var used: UInt64
    }

    private let lock = NSLock()
    private let capacity: Int
    private var entries: [PatientID: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int = 256) { self.capacity = capacity }

    /// The history of `patient` when it is cached at exactly `version`.
    func history(_ patient: PatientID, at version: Version) -> History? {
        lock.lock()
        defer { lock.unlock() }
        guard var entry = entries[patient], entry.version == version else { return nil }
        clock += 1
        entry.used = clock
        entries[patient] = entry
        return entry.history
    }

    /// Keeps a history read at `version`.
    func store(_ history: History, at version: Version, for patient: PatientID) {
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        entries[patient] = Entry(history: history, version: version, used: clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
            entries[oldest] = nil
        }
    }

    /// After a committed session insert: the session joins the history in date order, and the version moves on
    /// to its row id, when the entry was at `previous`; otherwise the entry is dropped.
    func append(_ session: ExerciseSession, rowID: Int64, to patient: PatientID, after previous: Version) {
        lock.lock()
        defer { lock.unlock() }
        guard var entry = entries[patient], entry.version == previous else {
            entries[patient] = nil
            return
        }
        let index = entry.history.sessions.lastIndex { $0.date <= session.date }.map { $0 + 1 } ?? 0
        entry.history.sessions.insert(session, at: index)
        entry.version.sessions = rowID
        entries[patient] = entry
    }
}
