import Foundation
import RehabCore

/// Decoded patient histories kept between writes, so `recordSession` does not decode a patient's whole history
/// again for every new session.
///
/// Sessions, check-ins, measurements and prescriptions are append-only, so a history is identified by the newest
/// row id of each table for the patient: an entry is used only when those four numbers still match the database,
/// whoever wrote meanwhile (another process on the same file included). A session written through this store is
/// appended to the entry only once its transaction has committed.
///
/// The cache is bounded by what it holds, not by how many patients: at most `budget` sessions, check-ins,
/// measurements and prescriptions in all. Past the budget the least recently used patients go first, down to
/// three quarters of it, so eviction sorts rarely. A budget of 0 turns the cache off.
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

        /// How many entries it holds: the cache's unit of weight.
        var weight: Int { sessions.count + checkIns.count + measurements.count + prescriptions.count }
    }

    private struct Entry {
        var history: History
        var version: Version
        var used: UInt64
    }

    private let lock = NSLock()
    private let budget: Int
    private var entries: [PatientID: Entry] = [:]
    private var weight = 0
    private var clock: UInt64 = 0

    init(budget: Int) { self.budget = max(0, budget) }

    /// How many history entries the cache holds now.
    var heldWeight: Int {
        lock.lock()
        defer { lock.unlock() }
        return weight
    }

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
        // Off at budget 0; and one patient never pushes out more than a quarter of the rest.
        guard budget > 0, history.weight <= budget / 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        remove(patient)
        entries[patient] = Entry(history: history, version: version, used: clock)
        weight += history.weight
        if weight > budget { evict() }
    }

    /// After a committed session insert: the session joins the history in date order, and the version moves on
    /// to its row id, when the entry was at `previous`; otherwise the entry is dropped.
    func append(_ session: ExerciseSession, rowID: Int64, to patient: PatientID, after previous: Version) {
        lock.lock()
        defer { lock.unlock() }
        // Taken out while it changes, so its arrays are not shared and the insert copies nothing.
        guard var entry = entries.removeValue(forKey: patient) else { return }
        weight -= entry.history.weight
        guard entry.version == previous else { return }
        let index = entry.history.sessions.lastIndex { $0.date <= session.date }.map { $0 + 1 } ?? 0
        entry.history.sessions.insert(session, at: index)
        entry.version.sessions = rowID
        entries[patient] = entry
        weight += entry.history.weight
        if weight > budget { evict() }
    }

    /// Drops a patient's entry (the lock is held).
    private func remove(_ patient: PatientID) {
        if let old = entries.removeValue(forKey: patient) { weight -= old.history.weight }
    }

    /// Drops the least recently used entries until the cache holds three quarters of its budget (the lock is held).
    private func evict() {
        let target = budget * 3 / 4
        for (patient, _) in entries.sorted(by: { $0.value.used < $1.value.used }) {
            guard weight > target else { return }
            remove(patient)
        }
    }
}
