/// A patient record prepared for questions by date: sorted once, then answered by short backward scans.
///
/// Reviews run nightly over every patient, so each question here touches only the few most recent entries.
public struct RecordTimeline: Sendable {
    /// The record, with sessions, check-ins and measurements sorted oldest first.
    public let record: PatientRecord
    /// The day of the review; entries after it are ignored.
    public let today: CalendarDate

    /// Prepares a record, sorting its lists by date when they are not sorted yet.
    public init(record: PatientRecord, today: CalendarDate) {
        var sorted = record
        if !sorted.sessions.isSortedByDate { sorted.sessions.sort { $0.date < $1.date } }
        if !sorted.checkIns.isSortedByDate { sorted.checkIns.sort { $0.date < $1.date } }
        if !sorted.measurements.isSortedByDate { sorted.measurements.sort { $0.date < $1.date } }
        self.record = sorted
        self.today = today
    }

    /// One logged performance of an exercise, with its session.
    public struct Entry: Sendable {
        /// The exercise as done.
        public let exercise: PerformedExercise
        /// The session it was part of.
        public let session: ExerciseSession
    }

    /// The most recent performances of an exercise up to today, newest first, at most `limit`.
    ///
    /// The scans here walk indices rather than elements, so a session that is only looked at is not copied.
    public func recentEntries(of id: ExerciseID, limit: Int) -> [Entry] {
        var found: [Entry] = []
        found.reserveCapacity(limit)
        let sessions = record.sessions
        for index in sessions.indices.reversed() where sessions[index].date <= today {
            if let done = sessions[index].exercises.last(where: { $0.id == id }) {
                found.append(Entry(exercise: done, session: sessions[index]))
                if found.count == limit { break }
            }
        }
        return found
    }

    /// The latest measurement of a kind on a side, up to today, of those `accepted` takes.
    public func latest(
        _ kind: MeasurementKind, side: Side, where accepted: (Measurement) -> Bool = { _ in true }
    ) -> Measurement? {
        record.measurements.last { $0.kind == kind && $0.side == side && $0.date <= today && accepted($0) }
    }

    /// The latest check-in up to today.
    public var latestCheckIn: CheckIn? { record.checkIns.last { $0.date <= today } }

    /// Check-ins dated within `days` days before `date` (inclusive of `date`), newest first.
    public func checkIns(within days: Int, before date: CalendarDate) -> [CheckIn] {
        let start = date.adding(days: -days)
        var found: [CheckIn] = []
        for checkIn in record.checkIns.reversed() {
            if checkIn.date > date { continue }
            if checkIn.date < start { break }
            found.append(checkIn)
        }
        return found
    }

    /// The morning check-in of the day after a session: the "has it settled by next morning" answer.
    public func nextMorning(after date: CalendarDate) -> CheckIn? {
        let target = date.adding(days: 1)
        guard target <= today else { return nil }
        for checkIn in record.checkIns.reversed() {
            if checkIn.date == target { return checkIn }
            if checkIn.date < target { return nil }
        }
        return nil
    }

    /// The patient's usual morning pain before a date: the median of the window's check-ins, if any.
    public func usualMorningPain(before date: CalendarDate, windowDays: Int) -> Int? {
        var values: [Int] = []
        for checkIn in record.checkIns.reversed() {
            if checkIn.date > date { continue }
            if checkIn.date < date.adding(days: -windowDays) { break }
            if let pain = checkIn.painMorning { values.append(pain) }
        }
        guard !values.isEmpty else { return nil }
        values.sort()
        return values[(values.count - 1) / 2]
    }

    /// Sessions dated in the `days` days ending today.
    public func sessionCount(inLast days: Int) -> Int {
        let start = today.adding(days: -(days - 1))
        let sessions = record.sessions
        var count = 0
        for index in sessions.indices.reversed() {
            let date = sessions[index].date
            if date > today { continue }
            if date < start { break }
            count += 1
        }
        return count
    }

    /// The date of the latest session up to today.
    public var lastSessionDate: CalendarDate? {
        let sessions = record.sessions
        return sessions.indices.last { sessions[$0].date <= today }.map { sessions[$0].date }
    }
}

/// Anything stamped with a calendar date.
protocol Dated { var date: CalendarDate { get } }
extension ExerciseSession: Dated {}
extension CheckIn: Dated {}
extension Measurement: Dated {}

extension Array where Element: Dated {
    var isSortedByDate: Bool {
        guard count > 1 else { return true }
        for index in 1..<count where self[index].date < self[index - 1].date { return false }
        return true
    }
}
