import RehabCore

/// One patient's RTM month (the RTM month row of CONTRACT.md), computed by the caller with RehabCore's `RTM`
/// helpers; this module only writes it out.
///
/// Its JSON is the CONTRACT's row (`patientId`, `supplyPeriod` with a null `code` when no code is reached,
/// `minutes`, `interactive`, `managementCodes`) plus the fields the clinic page shows.
public struct RTMMonthRow: Sendable, Equatable, Codable {
    /// The calendar month the minutes belong to, `YYYY-MM`.
    public var month: String
    /// The patient.
    public var patientID: PatientID
    /// The patient's name, for the clinic's own list.
    public var patientName: String
    /// The day remote monitoring was set up, when it has been; supply periods follow one another from it.
    public var setUpDate: CalendarDate?
    /// The 30-day device-supply period in force, its days with data and the supply code they reach.
    public var supplyPeriod: RTM.SupplyPeriod
    /// The days of the supply period with data, oldest first.
    public var dataDays: [CalendarDate]
    /// The clinician minutes logged in the calendar month.
    public var minutes: Int
    /// How many logged entries of the month were real-time exchanges with the patient.
    public var interactiveExchanges: Int
    /// The treatment-management codes the minutes suggest (`98979`, or `98980` then one `98981` per further 20).
    public var managementCodes: [String]

    /// Whether the month had at least one real-time exchange with the patient.
    public var interactive: Bool { interactiveExchanges > 0 }

    /// Makes a row.
    public init(
        month: String, patientID: PatientID, patientName: String, setUpDate: CalendarDate?,
        supplyPeriod: RTM.SupplyPeriod, dataDays: [CalendarDate], minutes: Int, interactiveExchanges: Int,
        managementCodes: [String]
    ) {
        self.month = month
        self.patientID = patientID
        self.patientName = patientName
        self.setUpDate = setUpDate
        self.supplyPeriod = supplyPeriod
        self.dataDays = dataDays
        self.minutes = minutes
        self.interactiveExchanges = interactiveExchanges
        self.managementCodes = managementCodes
    }

    private enum CodingKeys: String, CodingKey {
        case month, patientId, patientName, setUpDate, supplyPeriod, dataDays, minutes, interactive
        case interactiveExchanges, managementCodes
    }

    private enum PeriodKeys: String, CodingKey { case start, end, daysWithData, code }

    /// Writes the CONTRACT's shape; absent values are written as null, not left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(month, forKey: .month)
        try c.encode(patientID, forKey: .patientId)
        try c.encode(patientName, forKey: .patientName)
        try c.encode(setUpDate, forKey: .setUpDate)
        var period = c.nestedContainer(keyedBy: PeriodKeys.self, forKey: .supplyPeriod)
        try period.encode(supplyPeriod.start, forKey: .start)
        try period.encode(supplyPeriod.end, forKey: .end)
        try period.encode(supplyPeriod.daysWithData, forKey: .daysWithData)
        try period.encode(supplyPeriod.code, forKey: .code)
        try c.encode(dataDays, forKey: .dataDays)
        try c.encode(minutes, forKey: .minutes)
        try c.encode(interactive, forKey: .interactive)
        try c.encode(interactiveExchanges, forKey: .interactiveExchanges)
        try c.encode(managementCodes, forKey: .managementCodes)
    }

    /// Reads the same shape; without `interactiveExchanges`, `interactive: true` counts as one exchange.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        month = try c.decode(String.self, forKey: .month)
        patientID = try c.decode(PatientID.self, forKey: .patientId)
        patientName = try c.decode(String.self, forKey: .patientName)
        setUpDate = try c.decodeIfPresent(CalendarDate.self, forKey: .setUpDate)
        supplyPeriod = try c.decode(RTM.SupplyPeriod.self, forKey: .supplyPeriod)
        dataDays = try c.decodeIfPresent([CalendarDate].self, forKey: .dataDays) ?? []
        minutes = try c.decode(Int.self, forKey: .minutes)
        let interactive = try c.decodeIfPresent(Bool.self, forKey: .interactive) ?? false
        interactiveExchanges = try c.decodeIfPresent(Int.self, forKey: .interactiveExchanges) ?? (interactive ? 1 : 0)
        managementCodes = try c.decode([String].self, forKey: .managementCodes)
    }
}

extension RTMMonthRow {
    /// The CSV row of a patient's month as the core computes it.
    public init(_ row: RTM.MonthRow, month: CalendarMonth) {
        self.init(
            month: month.description, patientID: row.patientID, patientName: row.patientName, setUpDate: row.setUpDate,
            supplyPeriod: row.supplyPeriod, dataDays: row.dataDays, minutes: row.minutes,
            interactiveExchanges: row.interactiveExchanges, managementCodes: row.managementCodes)
    }
}
