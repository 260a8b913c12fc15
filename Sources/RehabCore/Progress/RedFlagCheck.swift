/// Triage of the latest check-in, seen from the plan: whether it freezes progression and what to alert.
///
/// Red flags always win over progression: an urgent or emergency check-in pauses every exercise.
struct RedFlagCheck {
    /// The triage of the latest fresh check-in, if any.
    let result: TriageResult?
    /// The date of that check-in.
    let date: CalendarDate?

    /// Triages the latest check-in when it is at most `freshDays` days old (`progression.yaml`'s
    /// `checkInFreshDays`); an older one no longer steers the plan.
    init(timeline: RecordTimeline, policy: TriagePolicy, freshDays: Int) {
        guard let latest = timeline.latestCheckIn, latest.date.days(until: timeline.today) <= freshDays else {
            result = nil
            date = nil
            return
        }
        let recent = timeline.checkIns(within: policy.repeatWindowDays, before: latest.date.adding(days: -1))
        result = Triage.assess(latest, recent: recent, policy: policy)
        date = latest.date
    }

    /// True when the latest check-in is urgent or an emergency.
    var freezesProgression: Bool { (result?.level ?? .continue) >= .urgent }

    /// One alert per reason at the level of "contact the clinician" or above.
    var alerts: [PlanAlert] {
        guard let result else { return [] }
        return result.reasons.compactMap { reason in
            AlertLevel(reason.level).map {
                PlanAlert(level: $0, rule: reason.rule, message: reason.message, exercise: nil)
            }
        }
    }
}
