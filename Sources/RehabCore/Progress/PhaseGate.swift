/// Checks a phase's entry criteria against the record: which are met (with the value) and which are not.
public enum PhaseGate {
    /// The outcome of one criterion.
    public struct Outcome: Sendable, Equatable {
        /// True when met.
        public var met: Bool
        /// The criterion and the evidence, in words.
        public var text: String
        /// False when the record holds nothing to judge the criterion by yet.
        public var measured = true
    }

    /// Evaluates every criterion of `phase` for the operated side; `measures` says which methods may open a gate.
    public static func evaluate(
        _ phase: Phase, timeline: RecordTimeline, side: Side, measures: MeasurementCatalog
    ) -> [Outcome] {
        phase.entryCriteria.map { evaluate($0, timeline: timeline, side: side, measures: measures) }
    }

    /// Evaluates one criterion.
    public static func evaluate(
        _ criterion: Criterion, timeline: RecordTimeline, side: Side, measures: MeasurementCatalog
    ) -> Outcome {
        let limit = criterion.value ?? 0
        let n = limit.clean
        let evidence = Evidence(timeline: timeline, side: side, measures: measures)
        switch criterion.kind {
        case .kneeFlexionMin:
            return evidence.compare(.kneeFlexion, atLeast: limit, "Knee bends to at least \(n)°")
        case .kneeExtensionDeficitMax:
            return evidence.compare(
                .kneeExtension, atMost: limit,
                limit == 0 ? "Knee straightens fully" : "Knee straightens to within \(n)° of straight")
        case .extensorLagMax:
            return evidence.compare(.extensorLag, atMost: limit, "Leg lifts with the knee straight (lag at most \(n)°)")
        case .balanceSecondsMin:
            return evidence.compare(
                .singleLegBalance, atLeast: limit, "Stands on the operated leg for at least \(n) seconds")
        case .painMax:
            return compare(
                recentPain(timeline).map(Double.init), atMost: limit, missing: "no exercise logged this week",
                "Pain during exercise at most \(n)/10 in the last week", unit: "/10")
        case .swellingMax:
            let allowed = criterion.swelling ?? .none
            let label = "Swelling \(allowed == .none ? "gone" : "\(allowed.rawValue) or less")"
            guard let swelling = timeline.latestCheckIn?.swelling else {
                return Outcome(met: false, text: "\(label) (not reported yet)", measured: false)
            }
            return Outcome(met: swelling <= allowed, text: "\(label) (now \(swelling.rawValue))")
        case .limbSymmetryMin:
            let spec = measures.spec(criterion.measure ?? .quadricepsStrength)
            let label = "\(spec.name) of the operated leg at least \(n)% of the other leg"
            guard let involved = evidence.counted(spec.kind, side),
                let uninvolved = evidence.counted(spec.kind, side.other),
                let index = LimbSymmetry.index(
                    spec.symmetry ?? .higherIsBetter, involved: involved.value, uninvolved: uninvolved.value)
            else { return Outcome(met: false, text: "\(label) (not measured on both legs yet)", measured: false) }
            return Outcome(met: index >= limit, text: "\(label) (now \(index.rounded().clean)%)")
        }
    }

    /// The measurements a gate may read: the latest of a kind whose method opens gates, and the latest of any
    /// method, to say when only a reading that cannot open the gate exists (docs/clinical-sources.md §0.1).
    private struct Evidence {
        let timeline: RecordTimeline
        let side: Side
        let measures: MeasurementCatalog

        func counted(_ kind: MeasurementKind, _ side: Side) -> Measurement? {
            let spec = measures.spec(kind)
            return timeline.latest(kind, side: side) { spec.opensGate($0.method) }
        }

        func compare(_ kind: MeasurementKind, atLeast limit: Double, _ label: String) -> Outcome {
            outcome(kind, label) { $0 >= limit }
        }

        func compare(_ kind: MeasurementKind, atMost limit: Double, _ label: String) -> Outcome {
            outcome(kind, label) { $0 <= limit }
        }

        private func outcome(_ kind: MeasurementKind, _ label: String, meets: (Double) -> Bool) -> Outcome {
            let spec = measures.spec(kind)
            if let value = counted(kind, side)?.value {
                return Outcome(met: meets(value), text: "\(label) (now \(spec.format(value)))")
            }
            if let uncounted = timeline.latest(kind, side: side, where: { _ in true }), let method = uncounted.method {
                let needed = spec.opensGates.map(\.label).joined(separator: " or ")
                return Outcome(
                    met: false,
                    text: "\(label) (\(method.label): \(spec.format(uncounted.value)); needs a \(needed) reading)",
                    measured: false)
            }
            return Outcome(met: false, text: "\(label) (not measured yet)", measured: false)
        }
    }

    private static func compare(
        _ value: Double?, atMost limit: Double, missing: String = "not measured yet", _ label: String, unit: String
    ) -> Outcome {
        guard let value else { return Outcome(met: false, text: "\(label) (\(missing))", measured: false) }
        return Outcome(met: value <= limit, text: "\(label) (now \(value.clean)\(unit))")
    }

    /// The highest pain during exercise over the last seven days, or nil without sessions.
    private static func recentPain(_ timeline: RecordTimeline) -> Int? {
        let start = timeline.today.adding(days: -6)
        var highest: Int?
        let sessions = timeline.record.sessions
        for index in sessions.indices.reversed() {
            let date = sessions[index].date
            if date > timeline.today { continue }
            if date < start { break }
            for exercise in sessions[index].exercises {
                if let pain = exercise.painDuring { highest = max(highest ?? 0, pain) }
            }
        }
        return highest
    }
}
