import Foundation

/// A calendar month, `YYYY-MM`.
public struct CalendarMonth: Sendable, Hashable, CustomStringConvertible {
    /// The first day.
    public let first: CalendarDate

    /// The month of `YYYY-MM`, or nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]), let first = CalendarDate(year: year, month: month, day: 1)
        else { return nil }
        self.first = first
    }

    /// The month a day lies in.
    public init(of day: CalendarDate) {
        first = CalendarDate(year: day.year, month: day.month, day: 1) ?? day
    }

    /// The last day.
    public var last: CalendarDate {
        var day = first
        while day.adding(days: 1).month == first.month { day = day.adding(days: 1) }
        return day
    }

    public var description: String { String(first.description.prefix(7)) }
}

extension RTM {
    /// One patient's RTM month (CONTRACT.md's RTM month row): the supply period in force at the month's end (or
    /// today, in the current month), the month's logged minutes, whether any was a real-time exchange, and the
    /// codes they suggest.
    public struct MonthRow: Sendable, Equatable {
        /// The patient.
        public var patientID: PatientID
        /// The patient's name, for the clinic's page and CSV.
        public var patientName: String
        /// The day the patient was set up: added to the program, or their first day with data if earlier.
        public var setUpDate: CalendarDate
        /// The supply period and its code.
        public var supplyPeriod: SupplyPeriod
        /// The days of the period with data.
        public var dataDays: [CalendarDate]
        /// Minutes logged in the month.
        public var minutes: Int
        /// The month's real-time exchanges with the patient.
        public var interactiveExchanges: Int
        /// True when the month's log holds a real-time exchange.
        public var interactive: Bool { interactiveExchanges > 0 }
        /// The management codes the minutes suggest.
        public var managementCodes: [String]
    }
}

extension RehabServices {
    /// Logs a clinician's minutes on a patient's remote monitoring (audited); the entry is checked first, naming
    /// the field.
    public func logTime(
        _ entry: TimeEntry, for patient: Patient, today: CalendarDate, idempotency: IdempotencyKey?,
        by actor: AuditActor, respond: @escaping @Sendable (StoredTimeEntry) throws -> StoredResponse
    ) async throws -> WriteOutcome<StoredTimeEntry> {
        try entry.check(today: today)
        var entry = entry
        entry.note = entry.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return try await store.logTime(entry, for: patient.id, idempotency: idempotency, by: actor, respond: respond)
    }

    /// The RTM month of a clinician's patients, in care or discharged, by name. Each patient's record is read (and
    /// the read audited) for the days with data.
    public func rtmMonth(
        _ month: CalendarMonth, clinician: AccountID, today: CalendarDate, day: (Date) -> CalendarDate,
        by actor: AuditActor
    ) async throws -> [RTM.MonthRow] {
        let policy = worklistPolicy
        var seen = Set<PatientID>()
        var summaries: [PatientSummary] = []
        for discharged in [false, true] {
            let rows = try await store.patients(
                PatientListQuery(clinicianID: clinician, policy: policy, asOf: today, discharged: discharged))
            for row in rows where seen.insert(row.id).inserted { summaries.append(row) }
        }
        let entries = Dictionary(
            grouping: try await store.timeEntries(clinician: clinician, from: month.first, to: month.last),
            by: \.patientID)
        let end = min(month.last, today)
        var rows: [RTM.MonthRow] = []
        for summary in summaries.sorted(by: { ($0.name, $0.id.description) < ($1.name, $1.id.description) }) {
            let patient = try await store.patient(summary.id, by: actor)
            let record = try await store.record(of: patient.id, by: actor)
            let days = RTM.dataDays(of: record)
            // Set up when added, or earlier when the record holds data from before (an imported history).
            let setUp = min(day(patient.createdAt), days.min() ?? day(patient.createdAt))
            guard setUp <= month.last else { continue }
            let period = RTM.supplyPeriod(on: max(end, setUp), setUp: setUp, dataDays: days, codes: catalog.rtm)
            let logged = entries[patient.id] ?? []
            let minutes = logged.map(\.entry.minutes).reduce(0, +)
            let exchanges = logged.filter(\.entry.interactive).count
            rows.append(
                RTM.MonthRow(
                    patientID: patient.id, patientName: patient.name, setUpDate: setUp, supplyPeriod: period,
                    dataDays: days.filter { $0 >= period.start && $0 <= period.end }.sorted(), minutes: minutes,
                    interactiveExchanges: exchanges,
                    managementCodes: RTM.managementCodes(
                        minutes: minutes, interactive: exchanges > 0, codes: catalog.rtm)
                ))
        }
        return rows
    }
}
