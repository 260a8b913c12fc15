/// The clinician's worklist: who is in danger first, and the badges that say why.
///
/// Both storage engines return their rows through `ordered`, so the order is decided here once and is the same on
/// SQLite and PostgreSQL, on the page and in the API.
public enum Worklist {
    /// The open alert facts the worklist reads: level and rule.
    public struct AlertSignal: Sendable, Hashable {
        /// The alert's level.
        public var level: AlertLevel
        /// The rule that raised it.
        public var rule: String

        /// Makes a signal.
        public init(level: AlertLevel, rule: String) {
            self.level = level
            self.rule = rule
        }

        /// The signal of a stored alert.
        public init(_ alert: StoredAlert) { self.init(level: alert.level, rule: alert.rule) }
    }

    /// The most dangerous concern of one patient.
    public static func concern(
        of row: PatientSummary, openAlerts: [AlertSignal], policy: WorklistPolicy
    ) -> WorklistConcern {
        var found: [WorklistConcern] = openAlerts.map { alert in
            switch alert.level {
            case .emergency: .emergency
            case .urgent: .urgent
            case _ where alert.rule == AlertRule.painRedRepeated.rawValue: .exercisePaused
            case _ where alert.rule == AlertRule.phaseGateMet.rawValue: .phaseGateMet
            case .contactClinician: .contactClinician
            case .info: .none
            }
        }
        if let pain = row.latestPain, policy.isRed(pain: pain) { found.append(.painRising) }
        if policy.isLow(adherencePercent: row.adherencePercent) { found.append(.lowAdherence) }
        return found.min() ?? .none
    }

    /// The badges of one row, most urgent first.
    public static func badges(
        of row: PatientSummary, openAlerts: [AlertSignal], policy: WorklistPolicy
    ) -> [WorklistBadge] {
        let rules = Set(openAlerts.map(\.rule))
        let covered: Set<String> = [
            AlertRule.rangeOfMotionBehind.rawValue, AlertRule.phaseGateMet.rawValue, AlertRule.painRedRepeated.rawValue,
        ]
        var badges: [WorklistBadge] = []
        if openAlerts.contains(where: \.level.isRedFlag) { badges.append(.redFlag) }
        let redPain = row.latestPain.map(policy.isRed(pain:)) ?? false
        if redPain || rules.contains(AlertRule.painRedRepeated.rawValue) { badges.append(.painRising) }
        if policy.isLow(adherencePercent: row.adherencePercent) { badges.append(.lowAdherence) }
        if rules.contains(AlertRule.rangeOfMotionBehind.rawValue) { badges.append(.rangeBehind) }
        if rules.contains(AlertRule.phaseGateMet.rawValue) { badges.append(.phaseGateMet) }
        if openAlerts.contains(where: { !$0.level.isRedFlag && !covered.contains($0.rule) }) { badges.append(.alert) }
        return badges
    }

    /// The rows most dangerous first, each with its `concern` set; then more open alerts, higher latest pain (none
    /// last), fewer session days in the window, the longest since a session (never first), name and id.
    ///
    /// `openAlerts` holds the open alerts of the listed patients; `offset` and `limit` page the ordered list.
    public static func ordered(
        _ rows: [PatientSummary], openAlerts: [PatientID: [AlertSignal]], policy: WorklistPolicy,
        offset: Int = 0, limit: Int = .max
    ) -> [PatientSummary] {
        let placed = rows.map { row in
            var row = row
            row.concern = concern(of: row, openAlerts: openAlerts[row.id] ?? [], policy: policy)
            return row
        }
        return Array(placed.sorted(by: comesFirst).dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    /// The list's order between two rows whose concern is set.
    static func comesFirst(_ a: PatientSummary, _ b: PatientSummary) -> Bool {
        if a.concern != b.concern { return a.concern < b.concern }
        if a.openAlerts != b.openAlerts { return a.openAlerts > b.openAlerts }
        if a.latestPain != b.latestPain { return (a.latestPain ?? -1) > (b.latestPain ?? -1) }
        if a.sessionDaysInWindow != b.sessionDaysInWindow { return a.sessionDaysInWindow < b.sessionDaysInWindow }
        if a.lastSessionDate != b.lastSessionDate {
            guard let first = a.lastSessionDate else { return true }
            guard let second = b.lastSessionDate else { return false }
            return first < second
        }
        if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
        return a.id.description < b.id.description
    }
}
