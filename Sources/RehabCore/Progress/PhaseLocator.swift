/// Finds the patient's phase: by typical weeks when there is no history, through the gates when there is.
///
/// Moving on needs both the next phase's earliest week and all its entry criteria (docs/clinical-sources.md §1).
public enum PhaseLocator {
    /// The phase whose typical weeks contain `week` (the last phase after the protocol's end).
    public static func typicalPhase(of rehab: RehabProtocol, week: Int) -> Int {
        var index = 0
        for (i, phase) in rehab.phases.enumerated() where phase.fromWeek <= week { index = i }
        return index
    }

    /// The current phase from a record (the clinician-confirmed one, or the furthest reached through the gates)
    /// with the gate out of it, which the search has already evaluated.
    public static func currentPhase(
        of rehab: RehabProtocol, timeline: RecordTimeline, confirmed: String?, measures: MeasurementCatalog
    ) throws(InvalidInput) -> (index: Int, gate: PhaseGateStatus) {
        if let confirmed {
            guard let index = rehab.phases.firstIndex(where: { $0.id == confirmed }) else {
                let known = rehab.phases.map(\.id).joined(separator: ", ")
                throw InvalidInput(field: "phase", problem: "unknown phase \"\(confirmed)\" (expected one of \(known))")
            }
            return (index, gate(after: index, of: rehab, timeline: timeline, measures: measures))
        }
        var index = 0
        var next = gate(after: 0, of: rehab, timeline: timeline, measures: measures)
        while index + 1 < rehab.phases.count, next.ready {
            index += 1
            next = gate(after: index, of: rehab, timeline: timeline, measures: measures)
        }
        return (index, next)
    }

    /// The next phase's criteria against the record.
    public static func gate(
        after index: Int, of rehab: RehabProtocol, timeline: RecordTimeline, measures: MeasurementCatalog
    ) -> PhaseGateStatus {
        guard index + 1 < rehab.phases.count else {
            return PhaseGateStatus(next: nil, earliestDate: nil, met: [], unmet: [], ready: false)
        }
        let next = rehab.phases[index + 1]
        let surgery = timeline.record.surgery
        let earliest = surgery.date.adding(days: next.fromWeek * 7)
        let outcomes = PhaseGate.evaluate(next, timeline: timeline, side: surgery.side, measures: measures)
        var met = outcomes.filter(\.met).map(\.text)
        var unmet = outcomes.filter { !$0.met }.map(\.text)
        let timeText = "At least \(next.fromWeek) weeks since the start (from \(earliest))"
        if timeline.today >= earliest { met.insert(timeText, at: 0) } else { unmet.insert(timeText, at: 0) }
        let motion: Set<Criterion.Kind> = [.kneeFlexionMin, .kneeExtensionDeficitMax]
        let behind = zip(next.entryCriteria, outcomes).contains { criterion, outcome in
            motion.contains(criterion.kind) && !outcome.met && outcome.measured
        }
        var status = PhaseGateStatus(
            next: next.reference, earliestDate: earliest, met: met, unmet: unmet, ready: unmet.isEmpty)
        status.rangeOfMotionBehind = timeline.today >= earliest && behind
        return status
    }
}
