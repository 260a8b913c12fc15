import RehabCore

/// Reads a `VTIMEZONE` back into UTC offsets, independently of the writer: observances with a yearly
/// `RRULE` (`BYMONTH`, `BYDAY` with an ordinal) or a single onset.
struct ICSTimeZoneReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Each onset as a UTC instant (seconds after 1970) and the offset from then on.
    let onsets: [(utc: Int, offset: Int)]

    init(_ component: ICSReader.Component, throughYear lastYear: Int) throws {
        var onsets: [(utc: Int, offset: Int)] = []
        for observance in component.components {
            guard let start = observance.first("DTSTART").flatMap({ Self.local($0.value) }),
                let from = observance.first("TZOFFSETFROM").flatMap({ Self.offset($0.value) }),
                let to = observance.first("TZOFFSETTO").flatMap({ Self.offset($0.value) })
            else { throw Malformed(description: "an observance without DTSTART or offsets") }
            guard let rule = observance.first("RRULE")?.value else {
                onsets.append((start - from, to))
                continue
            }
            let parts = Dictionary(
                uniqueKeysWithValues: rule.split(separator: ";").map {
                    let pair = $0.split(separator: "=", maxSplits: 1)
                    return (String(pair[0]), String(pair.count > 1 ? pair[1] : ""))
                })
            guard parts["FREQ"] == "YEARLY", let month = parts["BYMONTH"].flatMap({ Int($0) }),
                let byDay = parts["BYDAY"], let weekday = Self.weekdays.firstIndex(of: String(byDay.suffix(2)))
            else { throw Malformed(description: "a rule this reader does not know: \(rule)") }
            let ordinal = Int(byDay.dropLast(2))
            let monthDays = parts["BYMONTHDAY"].map { $0.split(separator: ",").compactMap { Int($0) } }
            guard (ordinal == nil) == (monthDays != nil) else {
                throw Malformed(description: "a rule this reader does not know: \(rule)")
            }
            let timeOfDay = ((start % 86_400) + 86_400) % 86_400
            let firstYear = CalendarDate(dayNumber: (start - timeOfDay) / 86_400).year
            for year in firstYear...max(firstYear, lastYear) {
                let day: CalendarDate?
                if let ordinal {
                    day = Self.day(year: year, month: month, ordinal: ordinal, weekday: weekday)
                } else {
                    day = monthDays?.compactMap { CalendarDate(year: year, month: month, day: $0) }
                        .first { $0.weekdayFromMonday == weekday }
                }
                guard let day else { continue }
                let local = day.dayNumber * 86_400 + timeOfDay
                if local >= start { onsets.append((local - from, to)) }
            }
        }
        self.onsets = onsets.sorted { $0.utc < $1.utc }
    }

    /// The offset in force at a UTC instant; nil before the first onset.
    func offset(at utc: Int) -> Int? { onsets.last { $0.utc <= utc }?.offset }

    static let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// `YYYYMMDDTHHMMSS` as seconds after 1970 on the wall clock.
    static func local(_ text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 15, scalars[8] == "T" else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(String.UnicodeScalarView(scalars[range]))) }
        guard let y = number(0..<4), let m = number(4..<6), let d = number(6..<8), let h = number(9..<11),
            let min = number(11..<13), let s = number(13..<15), let date = CalendarDate(year: y, month: m, day: d)
        else { return nil }
        return date.dayNumber * 86_400 + h * 3600 + min * 60 + s
    }

    /// `YYYYMMDDTHHMMSSZ` as seconds after 1970.
    static func utc(_ text: String) -> Int? {
        guard text.hasSuffix("Z") else { return nil }
        return local(String(text.dropLast()))
    }

    /// `±HHMM[SS]` in seconds.
    static func offset(_ text: String) -> Int? {
        let digits = text.dropFirst()
        guard let sign = text.first, sign == "+" || sign == "-", digits.count == 4 || digits.count == 6,
            let value = Int(digits)
        else { return nil }
        let seconds =
            digits.count == 4
            ? value / 100 * 3600 + value % 100 * 60
            : value / 10000 * 3600 + value / 100 % 100 * 60 + value % 100
        return sign == "-" ? -seconds : seconds
    }

    /// The n-th (or, for -1, the last) given weekday of a month.
    static func day(year: Int, month: Int, ordinal: Int, weekday: Int) -> CalendarDate {
        guard let first = CalendarDate(year: year, month: month, day: 1) else { return CalendarDate(dayNumber: 0) }
        if ordinal > 0 {
            return first.adding(days: (weekday - first.weekdayFromMonday + 7) % 7 + 7 * (ordinal - 1))
        }
        let next =
            month == 12
            ? CalendarDate(year: year + 1, month: 1, day: 1) : CalendarDate(year: year, month: month + 1, day: 1)
        let last = (next ?? first).adding(days: -1)
        return last.adding(days: -((last.weekdayFromMonday - weekday + 7) % 7))
    }
}
