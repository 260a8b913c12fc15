import Foundation
import RehabCore
import RehabJSON

/// Defaults shared by the engines' record caches (see `RecordCache`).
public enum RecordCacheDefaults {
    /// The default budget of a store's record cache: 45,000 decoded sessions, check-ins, measurements and
    /// prescriptions in all, the whole histories of about 250 patients half a year after surgery. A history that does
    /// not fit is read and decoded again on each write, so the budget should cover the patients active at once;
    /// `serve --record-cache` sets it. In the web server's load test the flat-out write test builds 40,000–44,000
    /// entries across 100 patients, and with the cache full the server stays under 80 MB (74–76 MB; 50,000 with
    /// the older, larger logged exercises reached 87 MB).
    public static let entries = 45_000
}

/// Decoded patient histories kept between writes, so `recordSession` does not decode a patient's whole history
/// again for every new session. Both engines use it, each with its own `Version`.
///
/// An engine names a history by a version it can read cheaply and that changes with every write to the history:
/// SQLite uses the newest row id of each history table, PostgreSQL a counter on the patient row. An entry is used
/// only when its version still matches the database, whoever wrote meanwhile (another process included). A session
/// written through the store is appended to the entry only once its transaction has committed.
///
/// The cache is bounded by what it holds, not by how many patients: at most `budget` sessions, check-ins,
/// measurements and prescriptions in all. Past the budget the least recently used idle patients go first, down to
/// three quarters of it, so eviction sorts rarely. A patient is idle when none of the last `2 × held patients`
/// lookups was theirs. When every held patient is in use, a newcomer is not kept (and a history that outgrows the
/// budget is dropped) instead: with more patients writing in turn than fit, plain LRU would always drop the next
/// one to write and every write would miss, whereas this way the held patients keep hitting. A budget of 0 turns
/// the cache off.
package final class RecordCache<Version: Equatable & Sendable>: @unchecked Sendable {
    /// The cached parts of a record (surgery and confirmed phase are read fresh from the patient row).
    package struct History: Sendable {
        package var sessions: [ExerciseSession]
        package var checkIns: [CheckIn]
        package var measurements: [RehabCore.Measurement]
        package var prescriptions: [Prescription]

        /// Makes a history from its four parts, each in date order.
        package init(
            sessions: [ExerciseSession], checkIns: [CheckIn], measurements: [RehabCore.Measurement],
            prescriptions: [Prescription]
        ) {
            self.sessions = sessions
            self.checkIns = checkIns
            self.measurements = measurements
            self.prescriptions = prescriptions
        }

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
    /// Patients whose history the cache last turned away (too large, or no room beside the patients in use) or
    /// dropped to make room; bounded: emptied when it reaches 1,024.
    private var refused: Set<PatientID> = []
    private var weight = 0
    private var clock: UInt64 = 0

    /// Makes a cache holding at most `budget` history entries; 0 turns it off.
    package init(budget: Int) { self.budget = max(0, budget) }

    /// How many history entries the cache holds now.
    package var heldWeight: Int {
        lock.lock()
        defer { lock.unlock() }
        return weight
    }

    /// The history of `patient` when it is cached at exactly `version`.
    package func history(_ patient: PatientID, at version: Version) -> History? {
        guard let entry = latest(patient), entry.version == version else { return nil }
        return entry.history
    }

    /// The patient's entry at whatever version it holds, for an engine that writes only if that version still
    /// stands (a compare and swap), so a stale entry costs a retry and never a wrong write.
    package func latest(_ patient: PatientID) -> (history: History, version: Version)? {
        lock.lock()
        defer { lock.unlock() }
        guard var entry = entries[patient] else { return nil }
        clock += 1
        entry.used = clock
        entries[patient] = entry
        return (entry.history, entry.version)
    }

    /// Whether the cache would keep this patient's history, as far as it knows: false when it is off, and when it
    /// last turned the patient's history away or dropped it to make room. An engine reads a history it would keep
    /// where it is cheapest to share, and one it may not keep where it holds up nothing else.
    package func wouldKeep(_ patient: PatientID) -> Bool {
        guard budget > 0 else { return false }
        lock.lock()
        defer { lock.unlock() }
        return !refused.contains(patient)
    }

    /// Keeps a history read at `version`, unless it fits only by dropping patients in use.
    package func store(_ history: History, at version: Version, for patient: PatientID) {
        guard budget > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        // One patient never pushes out more than a quarter of the rest.
        guard history.weight <= budget / 4 else { return refuse(patient) }
        clock += 1
        remove(patient)
        if weight + history.weight > budget { evictIdle(makingRoomFor: history.weight) }
        guard weight + history.weight <= budget else { return refuse(patient) }
        refused.remove(patient)
        entries[patient] = Entry(history: history, version: version, used: clock)
        weight += history.weight
    }

    /// After a committed session insert: the session joins the history in date order and the entry moves on to
    /// `next`, when it was at `previous`; otherwise the entry is dropped, as it is when the longer history no longer
    /// fits beside the patients in use.
    package func append(
        _ session: ExerciseSession, to patient: PatientID, after previous: Version, now next: Version
    ) {
        lock.lock()
        defer { lock.unlock() }
        // Taken out while it changes, so its arrays are not shared and the insert copies nothing.
        guard var entry = entries.removeValue(forKey: patient) else { return }
        weight -= entry.history.weight
        guard entry.version == previous else { return }
        let index = entry.history.sessions.lastIndex { $0.date <= session.date }.map { $0 + 1 } ?? 0
        entry.history.sessions.insert(session, at: index)
        entry.version = next
        weight += entry.history.weight
        if weight > budget { evictIdle(makingRoomFor: 0) }
        guard weight <= budget else {
            weight -= entry.history.weight
            return refuse(patient)
        }
        entries[patient] = entry
    }

    /// Notes a history turned away or dropped (the lock is held).
    private func refuse(_ patient: PatientID) {
        if refused.count >= 1_024 { refused.removeAll(keepingCapacity: true) }
        refused.insert(patient)
    }

    /// Drops a patient's entry (the lock is held).
    private func remove(_ patient: PatientID) {
        if let old = entries.removeValue(forKey: patient) { weight -= old.history.weight }
    }

    /// Drops the least recently used idle entries until the cache, with `incoming` more entries, holds three
    /// quarters of its budget (the lock is held).
    private func evictIdle(makingRoomFor incoming: Int) {
        let target = budget * 3 / 4 - incoming
        let window = 2 * UInt64(entries.count)
        guard clock > window else { return }
        for (patient, entry) in entries.sorted(by: { $0.value.used < $1.value.used }) {
            // Oldest first, so the first entry in use ends the search.
            guard weight > target, entry.used < clock - window else { return }
            remove(patient)
            refuse(patient)
        }
    }
}
