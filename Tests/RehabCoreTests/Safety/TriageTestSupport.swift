import RehabCore

/// The bundled triage policy; the tests fail loudly if it does not load.
let bundledPolicy: TriagePolicy = {
    do {
        return try TriagePolicy.bundled()
    } catch {
        fatalError("bundled triage.yaml does not load: \(error)")
    }
}()

/// A fixed day for the check-ins of the tests.
let today = CalendarDate(dayNumber: 20_778)  // 2026-11-21

/// A check-in on `today` (or `daysAgo` days earlier) with everything unanswered unless changed by `edit`.
func checkIn(daysAgo: Int = 0, _ edit: (inout CheckIn) -> Void = { _ in }) -> CheckIn {
    var value = CheckIn(date: today.adding(days: -daysAgo))
    edit(&value)
    return value
}
