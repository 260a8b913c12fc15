/// US remote therapeutic monitoring (RTM): the codes a clinic's month suggests, from the code table in the catalog
/// (`rtm.yaml`, docs/clinical-sources.md §8).
///
/// Two clocks: device supply counts days with data in a rolling 30-day period; treatment management counts
/// clinician minutes in a calendar month. The software reports the figures; the clinic decides what to bill.
public enum RTM {
    /// One 30-day device-supply period.
    public struct SupplyPeriod: Codable, Sendable, Equatable {
        /// First day of the period.
        public var start: CalendarDate
        /// Last day of the period (start + 29).
        public var end: CalendarDate
        /// Distinct days in the period with any patient data.
        public var daysWithData: Int
        /// The supply code the days reach (`98985` for 2–15, `98977` for 16–30 as shipped), or nil; never two.
        public var code: String?

        private enum CodingKeys: String, CodingKey { case start, end, daysWithData, code }

        /// Writes the period with `code` as null when no code applies, as the contract's row shows it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(daysWithData, forKey: .daysWithData)
            try container.encode(code, forKey: .code)
        }
    }

    /// Counts the days with data in the period starting at `start`.
    public static func supplyPeriod(
        starting start: CalendarDate, dataDays: some Sequence<CalendarDate>, codes: RTMCodeTable
    ) -> SupplyPeriod {
        let end = start.adding(days: codes.periodDays.value.asWholeDays - 1)
        let days = Set(dataDays.filter { $0 >= start && $0 <= end }).count
        let code = codes.supply.last { days >= $0.minDays && days <= $0.maxDays }?.code
        return SupplyPeriod(start: start, end: end, daysWithData: days, code: code)
    }

    /// The supply period in force on `day` for a patient set up on `setUp`: periods follow one another from the
    /// set-up day.
    public static func supplyPeriod(
        on day: CalendarDate, setUp: CalendarDate, dataDays: some Sequence<CalendarDate>, codes: RTMCodeTable
    ) -> SupplyPeriod {
        let length = codes.periodDays.value.asWholeDays
        let elapsed = max(0, setUp.days(until: day))
        return supplyPeriod(
            starting: setUp.adding(days: elapsed / length * length), dataDays: dataDays, codes: codes)
    }

    /// The management codes for a calendar month's clinician minutes; the codes that need a real-time exchange are
    /// suggested only when the month had one.
    public static func managementCodes(minutes: Int, interactive: Bool, codes: RTMCodeTable) -> [String] {
        let eligible = codes.management.filter { !$0.needsInteractive || interactive }
        guard let base = eligible.last(where: { minutes >= $0.minMinutes && minutes <= ($0.maxMinutes ?? .max) })
        else { return [] }
        guard base.maxMinutes == nil else { return [base.code] }
        let further = (minutes - base.minMinutes) / codes.addOn.everyMinutes
        return [base.code] + Array(repeating: codes.addOn.code, count: further)
    }

    /// Every day on which the record holds a session, check-in or measurement.
    public static func dataDays(of record: PatientRecord) -> Set<CalendarDate> {
        var days = Set(record.sessions.map(\.date))
        days.formUnion(record.checkIns.map(\.date))
        days.formUnion(record.measurements.map(\.date))
        return days
    }
}

/// The RTM code table (`rtm.yaml`): the supply codes by days with data, the management codes by minutes.
public struct RTMCodeTable: Codable, Sendable {
    /// Days in one supply period.
    public var periodDays: SourcedValue
    /// Supply codes, each for a range of days with data.
    public var supply: [Supply]
    /// Management codes, each for a range of minutes in a calendar month.
    public var management: [Management]
    /// The add-on code for each further block of minutes after the open-ended management code.
    public var addOn: AddOn

    /// A supply code.
    public struct Supply: Codable, Sendable {
        /// The code.
        public var code: String
        /// Fewest days with data.
        public var minDays: Int
        /// Most days with data.
        public var maxDays: Int
        /// Where it comes from.
        public var source: String
    }

    /// A management code.
    public struct Management: Codable, Sendable {
        /// The code.
        public var code: String
        /// Fewest minutes in the month.
        public var minMinutes: Int
        /// Most minutes, nil for the open-ended code that the add-on extends.
        public var maxMinutes: Int?
        /// True when the month needs a real-time exchange with the patient.
        public var needsInteractive: Bool
        /// Where it comes from.
        public var source: String
    }

    /// The add-on code.
    public struct AddOn: Codable, Sendable {
        /// The code.
        public var code: String
        /// Minutes per further code.
        public var everyMinutes: Int
        /// Where it comes from.
        public var source: String
    }
}

extension Double {
    /// The value as whole days (a validated catalog holds whole numbers here).
    var asWholeDays: Int { Int(self.rounded()) }
}
