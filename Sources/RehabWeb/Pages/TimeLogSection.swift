import Foundation
import RehabCore

/// The RTM time log on the clinician's patient page: a short form, this month's minutes, and the entries.
struct TimeLogSection {
    struct Option {
        let value: String
        let label: String
    }

    struct Entry {
        let date: String
        let minutes: Int
        let activity: String
        let interactive: Bool
        let note: String?
    }

    let patientID: String
    let today: String
    let activities: [Option]
    let monthMinutes: Int
    let month: String
    let entries: [Entry]
    let hasEntries: Bool
    let error: String?

    init(patient: Patient, entries stored: [StoredTimeEntry], today: CalendarDate, error: String?) {
        patientID = patient.id.description
        self.today = today.description
        activities = TimeActivity.allCases.map { Option(value: $0.rawValue, label: $0.label) }
        let month = CalendarMonth(of: today)
        self.month = month.description
        monthMinutes = stored.filter { $0.entry.date >= month.first && $0.entry.date <= month.last }
            .map(\.entry.minutes).reduce(0, +)
        entries = stored.reversed().prefix(20).map {
            Entry(
                date: $0.entry.date.description, minutes: $0.entry.minutes, activity: $0.entry.activity.label,
                interactive: $0.entry.interactive, note: $0.entry.note)
        }
        hasEntries = !stored.isEmpty
        self.error = error
    }

    /// The entry the form asks to log.
    static func entry(from form: Form, today: CalendarDate) throws -> TimeEntry {
        guard let minutes = form["minutes"].flatMap(Int.init) else {
            throw WebError.invalid("minutes", "must be a whole number of minutes")
        }
        guard let activity = form["activity"].flatMap(TimeActivity.init(rawValue:)) else {
            throw WebError.invalid("activity", "must be one of the listed activities")
        }
        let date =
            try form["date"].map { text in
                guard let date = CalendarDate(iso: text) else { throw WebError.invalid("date", "must be a date") }
                return date
            } ?? today
        return TimeEntry(
            date: date, minutes: minutes, activity: activity, interactive: form["interactive"] == "yes",
            note: form["note"])
    }
}

/// The clinic's RTM month: each patient's supply period and its days with data, the month's minutes and the
/// codes they suggest. The clinic decides what to bill.
struct RTMPage {
    struct Row {
        let id: String
        let name: String
        let setUp: String
        let period: String
        let days: Int
        let dayList: String
        let code: String
        let minutes: Int
        let interactive: String
        let management: String
    }

    let chrome: Chrome
    let month: String
    let previous: String
    let next: String
    let rows: [Row]
    let empty: Bool

    init(chrome: Chrome, month: CalendarMonth, rows: [RTM.MonthRow]) {
        self.chrome = chrome
        self.month = month.description
        previous = CalendarMonth(of: month.first.adding(days: -1)).description
        next = CalendarMonth(of: month.last.adding(days: 1)).description
        self.rows = rows.map { row in
            Row(
                id: row.patientID.description, name: row.patientName, setUp: row.setUpDate.description,
                period: "\(row.supplyPeriod.start) to \(row.supplyPeriod.end)", days: row.supplyPeriod.daysWithData,
                dayList: row.dataDays.map { String($0.description.suffix(5)) }.joined(separator: ", "),
                code: row.supplyPeriod.code ?? "none", minutes: row.minutes,
                interactive: row.interactive ? "yes" : "no",
                management: row.managementCodes.isEmpty ? "none" : row.managementCodes.joined(separator: ", "))
        }
        empty = rows.isEmpty
    }
}
