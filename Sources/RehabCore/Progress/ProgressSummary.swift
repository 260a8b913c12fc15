import Foundation

/// The parts of a progress report for a date range, worked out once for every page that shows them (the discharge
/// summary, the progress report): attendance, pain, range of motion against the protocol's targets, questionnaire
/// scores against their minimal important difference, the phase, alerts and how they were handled, plan changes
/// with their reasons, and the plan going forward.
public struct ProgressSummary: Sendable {
    /// The first and last day covered.
    public var from: CalendarDate
    /// The last day covered.
    public var to: CalendarDate
    /// Sessions logged in the range, and on how many days.
    public var sessions: Int
    /// Days in the range with at least one session.
    public var sessionDays: Int
    /// Sessions the protocol asked for over the range (its phases' days per week), for attendance.
    public var sessionsExpected: Int
    /// Mean pain after sessions in the first and the last week of the range, when there were sessions then.
    public var painFirstWeek: Double?
    /// See `painFirstWeek`.
    public var painLastWeek: Double?
    /// Knee bend and straightening of the operated leg, first and latest in the range, with the protocol's target.
    public var rangeOfMotion: [Motion]
    /// Each questionnaire's first and latest score in the range and whether the change is meaningful.
    public var scores: [ScoreChange]
    /// The phase on the last day.
    public var phase: PhaseReference
    /// Alerts raised in the range.
    public var alertsRaised: Int
    /// Of those, acknowledged by a clinician.
    public var alertsAcknowledged: Int
    /// Alerts raised in the range by level, most urgent first, as "2 urgent".
    public var alertsByLevel: [(level: AlertLevel, count: Int)]
    /// Plan revisions in the range: who and why.
    public var planChanges: [PlanRevision]
    /// The exercises going forward: the home program after a discharge, else the current plan.
    public var goingForward: [PlannedExercise]

    /// A range-of-motion line.
    public struct Motion: Sendable {
        /// The measure.
        public var kind: MeasurementKind
        /// The first reading in the range.
        public var first: Measurement?
        /// The latest reading in the range.
        public var latest: Measurement?
        /// The protocol's last phase target (flexion at least, extension deficit at most), when it has one.
        public var target: Double?
    }

    /// Builds the summary of `record` and its stored companions for `from...to`, with `plan` as the plan on `to`;
    /// `day` names the clinic's calendar day of a moment.
    public init(
        record: PatientRecord, responses: [QuestionnaireResponse], alerts: [StoredAlert], revisions: [PlanRevision],
        plan: Plan, from: CalendarDate, to: CalendarDate, catalog: Catalog, questionnaires: QuestionnaireCatalog,
        day: (Date) -> CalendarDate
    ) {
        self.from = from
        self.to = to
        let range = from...to
        let inRange = record.sessions.filter { range.contains($0.date) }
        sessions = inRange.count
        sessionDays = Set(inRange.map(\.date)).count
        let rehab = catalog.protocol(for: record.surgery.kind)
        sessionsExpected = Self.expected(rehab, surgery: record.surgery.date, from: from, to: to)
        func meanPain(_ days: ClosedRange<CalendarDate>) -> Double? {
            let pains = inRange.filter { days.contains($0.date) }.compactMap(\.painAfter)
            return pains.isEmpty ? nil : Double(pains.reduce(0, +)) / Double(pains.count)
        }
        painFirstWeek = meanPain(from...min(to, from.adding(days: 6)))
        painLastWeek = meanPain(max(from, to.adding(days: -6))...to)
        let counted = record.measurements.filter { measurement in
            range.contains(measurement.date) && measurement.side == record.surgery.side
                && catalog.measurements.spec(measurement.kind).opensGate(measurement.method)
        }
        let criteria = rehab.phases.flatMap(\.entryCriteria)
        rangeOfMotion = [
            Motion(
                kind: .kneeFlexion, first: counted.first { $0.kind == .kneeFlexion },
                latest: counted.last { $0.kind == .kneeFlexion },
                target: criteria.filter { $0.kind == .kneeFlexionMin }.compactMap(\.value).max()),
            Motion(
                kind: .kneeExtension, first: counted.first { $0.kind == .kneeExtension },
                latest: counted.last { $0.kind == .kneeExtension },
                target: criteria.filter { $0.kind == .kneeExtensionDeficitMax }.compactMap(\.value).min()),
        ]
        let months = record.surgery.date.days(until: to) / 30
        scores = Instrument.allCases.flatMap { instrument -> [ScoreChange] in
            let taken = responses.filter { $0.instrument == instrument && range.contains($0.date) }
            guard let first = taken.first, let latest = taken.last, taken.count > 1 else { return [] }
            return (try? questionnaires.compare(first.score, latest.score, monthsAfterSurgery: months)) ?? []
        }
        phase = plan.phase
        let raised = alerts.filter { range.contains(day($0.raisedAt)) }
        alertsRaised = raised.count
        alertsAcknowledged = raised.filter { !$0.isOpen }.count
        alertsByLevel = AlertLevel.allCases.compactMap { level in
            let count = raised.filter { $0.level == level }.count
            return count > 0 ? (level, count) : nil
        }
        planChanges = revisions.filter { range.contains($0.effectiveDate) }
        goingForward = plan.exercises.filter { $0.category != .recovery }
    }

    /// The sessions the protocol's phases asked for between two days, by each phase's days per week.
    static func expected(_ rehab: RehabProtocol, surgery: CalendarDate, from: CalendarDate, to: CalendarDate) -> Int {
        guard from <= to else { return 0 }
        var total = 0.0
        var day = from
        while day <= to {
            let week = max(0, surgery.days(until: day)) / 7
            let phase = rehab.phases[PhaseLocator.typicalPhase(of: rehab, week: week)]
            total += Double(phase.sessionsPerWeek) / 7
            day = day.adding(days: 1)
        }
        return Int(total.rounded())
    }

    /// Attendance in percent of the sessions expected, at most 100.
    public var attendancePercent: Int? {
        sessionsExpected > 0 ? min(100, sessions * 100 / sessionsExpected) : nil
    }
}
