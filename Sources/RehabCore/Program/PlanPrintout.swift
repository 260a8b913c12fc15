/// The plan as plain text a patient could stick on the fridge: big ideas first, every exercise with its steps.
public struct PlanPrintout: Sendable {
    /// The plan to print.
    public let plan: Plan
    /// The catalog, for each exercise's steps and cues.
    public let catalog: Catalog

    /// Makes a printout.
    public init(plan: Plan, catalog: Catalog) {
        self.plan = plan
        self.catalog = catalog
    }

    /// The whole printout.
    public var text: String {
        var lines = header
        for (number, item) in plan.exercises.enumerated() {
            lines += [""] + exercise(item, number: number + 1)
        }
        if !plan.precautions.isEmpty {
            lines += ["", "BE CAREFUL"] + plan.precautions.map { "  - \($0)" }
        }
        if !plan.alerts.isEmpty {
            lines += ["", "FOR YOUR CARE TEAM"] + plan.alerts.map { "  ! [\($0.level.rawValue)] \($0.message)" }
        }
        lines += ["", "NEXT STAGE"] + gate
        lines += ["", "STOP AND CALL", stopAndCall, "", plan.notice]
        return lines.joined(separator: "\n") + "\n"
    }

    private var header: [String] {
        let surgery = plan.surgery
        let kind = surgery.kind.plainName
        let sessions = catalog.protocol(for: surgery.kind).phases.first { $0.id == plan.phase.id }
        var lines = [
            "YOUR KNEE PROGRAM FOR \(plan.date.longName.uppercased())",
            "\(surgery.side.rawValue.capitalized) knee, \(kind) · day \(plan.daysSinceSurgery) (week \(plan.daysSinceSurgery / 7))",
            "Stage: \(plan.phase.name)",
        ]
        if let sessions {
            lines.append(
                "Do the exercises below in this order, \(sessions.sessionsPerDay.timesText) a day, "
                    + "\(sessions.daysPerWeek == 7 ? "every day" : "\(sessions.daysPerWeek) days a week").")
        }
        if let adherence = plan.adherence {
            lines.append("Last 7 days: \(adherence.completed) of \(adherence.prescribed) sessions done.")
        }
        return lines
    }

    private func exercise(_ item: PlannedExercise, number: Int) -> [String] {
        var lines = ["\(number). \(item.name.uppercased()) — \(item.dose.plainText)"]
        if item.steps > 1 { lines.append("   Level \(item.step) of \(item.steps): \(item.stepName)") }
        if let change = item.change, change != .start, let reason = item.reason {
            lines.append("   \(change.marker) \(reason)")
        }
        if let when = item.when { lines.append("   When: \(when)") }
        if item.category == .recovery { lines += (item.precautions ?? []).map { "   ! \($0)" } }
        if let exercise = catalog.exercise(item.id) {
            lines += exercise.steps.enumerated().map { "   \($0.offset + 1)) \($0.element)" }
            lines += exercise.cues.map { "   * \($0)" }
        }
        return lines
    }

    private var gate: [String] {
        guard let next = plan.phaseGate.next else { return ["  You are in the last stage of the program."] }
        var lines = ["  Next: \(next.name)"]
        lines += plan.phaseGate.met.map { "  [x] \($0)" }
        lines += plan.phaseGate.unmet.map { "  [ ] \($0)" }
        lines.append("  Your therapist confirms when you move on.")
        return lines
    }

    private var stopAndCall: String {
        "Call \(catalog.triage.emergencyNumber) for chest pain or sudden breathlessness. Call your surgeon today for "
            + "calf pain or swelling, fever, a red or leaking wound, a cold or numb foot, or a knee that locks."
    }
}

extension Dose {
    /// The dose in words, e.g. "3 sets of 10, hold 5 seconds, on a 15 cm step".
    public var plainText: String {
        var parts: [String] = []
        switch (sets, reps) {
        case (let s?, let r?): parts.append("\(s) \(s == 1 ? "set" : "sets") of \(r)")
        case (nil, let r?): parts.append("\(r) times")
        case (let s?, nil): parts.append("\(s) \(s == 1 ? "time" : "times")")
        case (nil, nil): break
        }
        if let hold = holdSeconds { parts.append("hold \(hold) seconds") }
        if let minutes = durationMinutes { parts.append("\(minutes) minutes") }
        if let height = stepHeightCm { parts.append("on a \(height) cm step") }
        if let load = loadKg, load > 0 { parts.append("with a \(load.clean) kg ankle weight") }
        if let perDay = timesPerDay { parts.append("\(perDay.timesText) a day") }
        if let days = daysPerWeek, days < 7 { parts.append("\(days) days a week") }
        return parts.joined(separator: ", ")
    }
}

extension DoseChange {
    /// A short marker for the printout.
    var marker: String {
        switch self {
        case .start: "NEW:"
        case .progress: "UP ONE STEP:"
        case .hold: "SAME AS LAST TIME:"
        case .regress: "ONE STEP EASIER:"
        case .pause: "PAUSED, DO NOT DO THIS ONE:"
        }
    }
}

extension SurgeryKind {
    /// The surgery or pathway in everyday words.
    public var plainName: String {
        switch self {
        case .totalKneeReplacement: "total knee replacement"
        case .aclReconstruction: "ACL reconstruction"
        case .meniscusRepair: "meniscus repair"
        case .partialMeniscectomy: "partial meniscectomy"
        case .mclReconstruction: "MCL reconstruction"
        case .medialKneePain: "inner knee pain (no surgery)"
        }
    }
}

extension Int {
    /// "once", "twice", "3 times".
    var timesText: String { self == 1 ? "once" : self == 2 ? "twice" : "\(self) times" }
}

extension CalendarDate {
    /// "Wednesday 25 November 2026".
    public var longName: String {
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(days[weekdayFromMonday]) \(day) \(months[month - 1]) \(year)"
    }
}
