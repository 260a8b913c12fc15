import Foundation
import Hummingbird
import RehabCore
import Synchronization

/// A short-lived cache of each clinician's patient list (the rows and their open alerts, and the API's encoded
/// body), so a busy clinic's list page does not rerun the ordered-by-need query for every request.
///
/// Any write through this server (every POST) empties it at once; writes through another server instance
/// sharing a PostgreSQL database empty it when their news arrives (`InstanceNews`), and otherwise show after
/// `lifetime` (2 seconds by default) and one read. Requests that miss together
/// share one query instead of each running it (see `flight`). Once an entry's lifetime is over, requests still get
/// it while one of them reads the list again in the background (for up to `staleLimit`), so they do not all wait
/// for that read.
///
/// A write only bumps a counter outside the actor (`invalidate`), so it never waits to enter it; an entry or a
/// read from before the bump is simply no longer used.
actor ClinicianListCache {
    struct Entry: Sendable {
        let rows: [PatientSummary]
        let alerts: [PatientID: [StoredAlert]]
        /// Unread messages for the clinician, by patient.
        let unread: [PatientID: Int]
        /// The API's JSON body of the list, encoded once per read.
        let body: Data
        let generation: Int
        let expires: Date
        let asOf: CalendarDate
    }

    /// One list being read: by whom, for which day, and since which write.
    struct FlightKey: Hashable {
        let clinician: AccountID
        let asOf: CalendarDate
        let generation: Int
    }

    private let lifetime: TimeInterval
    private var entries: [AccountID: Entry] = [:]
    private var flights: [FlightKey: Task<Entry, any Error>] = [:]
    /// How many writes this server has made; an entry is good only for the count it was read at.
    private let writes = Atomic<Int>(0)

    /// How long past its lifetime an entry may still answer while a fresh one is read.
    let staleLimit: TimeInterval

    init(lifetime: TimeInterval = 2, staleLimit: TimeInterval = 10) {
        self.lifetime = lifetime
        self.staleLimit = staleLimit
    }

    /// Forgets everything: a write may have changed any list. It runs after every write, so it does not enter the
    /// actor: the entries left behind are never served again and go at the next `store`.
    nonisolated func invalidate() {
        writes.add(1, ordering: .releasing)
    }

    /// The clinician's entry since the last write, and whether it is still within its lifetime; nil when there is
    /// none or it expired more than `staleLimit` ago.
    func lookup(_ clinician: AccountID, asOf: CalendarDate, now: Date) -> (entry: Entry, fresh: Bool)? {
        guard let entry = entries[clinician], entry.generation == currentGeneration, entry.asOf == asOf,
            now < entry.expires.addingTimeInterval(staleLimit)
        else { return nil }
        return (entry, entry.expires > now)
    }

    /// Stores a list read at `generation` (ignored when a write happened meanwhile).
    func store(
        _ rows: [PatientSummary], alerts: [PatientID: [StoredAlert]], unread: [PatientID: Int], body: Data,
        for clinician: AccountID, asOf: CalendarDate, now: Date, readAt generation: Int
    ) {
        guard generation == currentGeneration else { return }
        entries = entries.filter { $0.value.generation == generation }
        entries[clinician] = Entry(
            rows: rows, alerts: alerts, unread: unread, body: body, generation: generation,
            expires: now.addingTimeInterval(lifetime), asOf: asOf)
    }

    /// The current generation, read before a query so a write during it is noticed.
    nonisolated var currentGeneration: Int { writes.load(ordering: .acquiring) }

    /// The read of a clinician's list now under way since the last write, or a new one from `read`: when a write
    /// empties the cache, the next requests all miss at once, and each running the query would multiply the work
    /// and the memory it holds.
    func flight(
        _ clinician: AccountID, asOf: CalendarDate, read: @escaping @Sendable (Int) async throws -> Entry
    ) -> Task<Entry, any Error> {
        let key = FlightKey(clinician: clinician, asOf: asOf, generation: currentGeneration)
        if let task = flights[key] { return task }
        // The task runs on this actor (it starts only once this call has recorded it), so it lands directly.
        let task = Task {
            defer { land(key) }
            return try await read(key.generation)
        }
        flights[key] = task
        return task
    }

    private func land(_ key: FlightKey) { flights[key] = nil }
}

/// Reading a clinician's list through the cache.
struct ClinicianList: Sendable {
    let store: any RehabStore
    /// The catalog's thresholds that place patients on the list.
    let policy: WorklistPolicy
    let cache: ClinicianListCache
    let now: @Sendable () -> Date
    /// The API's body for a list, made once per read rather than by each request that finds the list cached.
    let encode: @Sendable ([PatientSummary], [PatientID: [StoredAlert]], [PatientID: Int]) throws -> Data

    /// The rows and open alerts of a clinician's patients, ordered by need.
    func load(_ clinician: AccountID, asOf: CalendarDate) async throws -> ClinicianListCache.Entry {
        let time = now()
        let found = await cache.lookup(clinician, asOf: asOf, now: time)
        if let (entry, fresh) = found, fresh { return entry }
        let (store, policy, cache, encode) = (self.store, self.policy, self.cache, self.encode)
        let flight = await cache.flight(clinician, asOf: asOf) { generation in
            let rows = try await store.patients(PatientListQuery(clinicianID: clinician, policy: policy, asOf: asOf))
            let alerts = Dictionary(grouping: try await store.openAlerts(clinician: clinician), by: \.patientID)
            let unread = try await store.unreadMessages(clinician: clinician)
            let body = try encode(rows, alerts, unread)
            await cache.store(
                rows, alerts: alerts, unread: unread, body: body, for: clinician, asOf: asOf, now: time,
                readAt: generation)
            return ClinicianListCache.Entry(
                rows: rows, alerts: alerts, unread: unread, body: body, generation: generation, expires: time,
                asOf: asOf)
        }
        // An expired list since the last write answers while the read (shared by all who ask) runs on.
        if let (stale, _) = found { return stale }
        return try await flight.value
    }
}

/// Empties the list cache after every request that may write (anything but GET and HEAD), and has the other
/// instances on the database told (`InstanceNews`), when there are any.
struct ListCacheInvalidationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cache: ClinicianListCache
    var news: InstanceNews? = nil

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            cache.invalidate()
            news?.wrote()
            return response
        } catch {
            cache.invalidate()
            news?.wrote()
            throw error
        }
    }
}
