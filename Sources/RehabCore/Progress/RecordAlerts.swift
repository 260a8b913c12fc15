/// Alerts about the record as a whole: missed sessions and a phase gate that is ready for the clinician.
struct RecordAlerts {
    let timeline: RecordTimeline
    let settings: ProgressionSettings
    let days: Int
    let gate: PhaseGateStatus

    var alerts: [PlanAlert] {
        var found: [PlanAlert] = []
        let missed = Int(settings.missedDaysToNotify.value)
        let lastSession = timeline.lastSessionDate ?? timeline.record.surgery.date
        let gap = lastSession.days(until: timeline.today)
        if days >= missed, gap >= missed {
            found.append(
                PlanAlert(
                    level: .contactClinician, rule: AlertRule.missedSessions.rawValue,
                    message: "No exercise session logged for \(gap) days.", exercise: nil))
        }
        if gate.rangeOfMotionBehind, let next = gate.next {
            found.append(
                PlanAlert(
                    level: .info, rule: AlertRule.rangeOfMotionBehind.rawValue,
                    message: "Range of motion is behind what the protocol expects by \"\(next.name)\".",
                    exercise: nil))
        }
        if gate.ready, let next = gate.next {
            found.append(
                PlanAlert(
                    level: .info, rule: AlertRule.phaseGateMet.rawValue,
                    message: "All criteria for \"\(next.name)\" are met; the move is proposed for confirmation.",
                    exercise: nil))
        }
        return found
    }
}
