/// US remote therapeutic monitoring (RTM) figures for billing, from the 2026 code set (docs/clinical-sources.md §8.2).
///
/// Two clocks: device supply counts days with data in a rolling 30-day period; treatment management counts
/// clinician minutes in a calendar month. The software reports the figures; the clinic decides what to bill.
public enum RTM {
    /// Days in one device-supply period. Source: CPT 98977/98985 "per 30 days" (clinical-sources §8.1–8.2).
    public static let periodDays = 30
    /// Fewest days with data for the 2–15 day musculoskeletal supply code 98985 (CMS-1832-F, §8.2).
    public static let shortSupplyMinimumDays = 2
    /// Fewest days with data for the 16–30 day code 98977 (CMS-1832-F, §8.2).
    public static let fullSupplyMinimumDays = 16

    /// One 30-day device-supply period.
    public struct SupplyPeriod: Codable, Sendable, Equatable {
        /// First day of the period.
        public var start: CalendarDate
        /// Last day of the period (start + 29).
        public var end: CalendarDate
        /// Distinct days in the period with any patient data.
        public var daysWithData: Int
        /// `98977` (16–30 days), `98985` (2–15 days) or nil (fewer than 2); never both (§8.2, not additive).
        public var code: String?
    }

    /// Counts the days with data in the 30 days starting at `start`.
    public static func supplyPeriod(starting start: CalendarDate, dataDays: some Sequence<CalendarDate>) -> SupplyPeriod
    {
        let end = start.adding(days: periodDays - 1)
        let days = Set(dataDays.filter { $0 >= start && $0 <= end }).count
        let code: String? =
            days >= fullSupplyMinimumDays ? "98977" : days >= shortSupplyMinimumDays ? "98985" : nil
        return SupplyPeriod(start: start, end: end, daysWithData: days, code: code)
    }

    /// The management codes for a calendar month's interactive clinician minutes.
    ///
    /// 10–19 min → 98979; 20–39 → 98980; each further full 20 min → one 98981 (vendors' time table, §8.2 [3P]).
    public static func managementCodes(minutes: Int) -> [String] {
        switch minutes {
        case ..<10: return []
        case 10..<20: return ["98979"]
        default: return ["98980"] + Array(repeating: "98981", count: (minutes - 20) / 20)
        }
    }

    /// Every day on which the record holds a session, check-in or measurement.
    public static func dataDays(of record: PatientRecord) -> Set<CalendarDate> {
        var days = Set(record.sessions.map(\.date))
        days.formUnion(record.checkIns.map(\.date))
        days.formUnion(record.measurements.map(\.date))
        return days
    }
}
