/// A time of day at which the patient plans to do their exercises, in the patient's own time zone.
///
/// The calendar feed makes one daily recurring event per slot; the patient picks the slots on a settings page.
public struct DailySlot: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The hour, 0–23.
    public var hour: Int
    /// The minute, 0–59.
    public var minute: Int

    /// Makes a slot; `validate()` checks it.
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Morning and evening: the times until the patient chooses their own.
    public static let defaults = [DailySlot(hour: 9, minute: 0), DailySlot(hour: 18, minute: 0)]

    /// The most slots a day may have: enough for any program's sessions per day, few enough to stay a reminder.
    public static let maximumPerDay = 6

    /// `HH:MM`, as the settings page shows and takes it.
    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// Minutes after midnight.
    public var minuteOfDay: Int { hour * 60 + minute }

    public static func < (lhs: DailySlot, rhs: DailySlot) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }

    /// Checks that the slot is a real time of day, naming `field.hour` or `field.minute` when it is not.
    public func validate(field: String = "slot") throws(InvalidInput) {
        guard (0...23).contains(hour) else {
            throw InvalidInput(field: "\(field).hour", problem: "\(hour) is outside 0–23")
        }
        guard (0...59).contains(minute) else {
            throw InvalidInput(field: "\(field).minute", problem: "\(minute) is outside 0–59")
        }
    }

    /// Checks a day's slots: each a real time, none repeated, at most `maximumPerDay`; fields are named
    /// `field[i].hour` and so on.
    public static func validate(_ slots: [DailySlot], field: String = "slots") throws(InvalidInput) {
        guard slots.count <= maximumPerDay else {
            throw InvalidInput(field: field, problem: "has \(slots.count) times; at most \(maximumPerDay) are allowed")
        }
        var seen = Set<DailySlot>()
        for (index, slot) in slots.enumerated() {
            try slot.validate(field: "\(field)[\(index)]")
            guard seen.insert(slot).inserted else {
                throw InvalidInput(field: "\(field)[\(index)]", problem: "repeats \(slot)")
            }
        }
    }

    /// Reads `HH:MM` (or `H:MM`) as a form sends it, naming `field` when the text is not a time of day.
    public static func parse(_ text: String, field: String) throws(InvalidInput) -> DailySlot {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { throw InvalidInput(field: field, problem: "should be a time of day as HH:MM, from 00:00 to 23:59") }
        return DailySlot(hour: hour, minute: minute)
    }

    private enum CodingKeys: String, CodingKey { case hour, minute }

    /// Reads `{"hour": 9, "minute": 0}`, refusing a time that does not exist.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hour = try c.decode(Int.self, forKey: .hour)
        minute = try c.decode(Int.self, forKey: .minute)
        guard (0...23).contains(hour) else {
            throw DecodingError.dataCorruptedError(forKey: .hour, in: c, debugDescription: "is outside 0–23")
        }
        guard (0...59).contains(minute) else {
            throw DecodingError.dataCorruptedError(forKey: .minute, in: c, debugDescription: "is outside 0–59")
        }
    }
}
