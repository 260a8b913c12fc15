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

    /// Evaluates every criterion of `phase` for the operated side.
    public static func evaluate(_ phase: Phase, timeline: RecordTimeline, side: Side) -> [Outcome] {
        phase.entryCriteria.map { evaluate($0, timeline: timeline, side: side) }
    }

    /// Evaluates one criterion.
    public static func evaluate(_ criterion: Criterion, timeline: RecordTimeline, side: Side) -> Outcome {
        let limit = criterion.value ?? 0
        let n = limit.clean
        switch criterion.kind {
        case .kneeFlexionMin:
            return compare(
                timeline.latest(.kneeFlexion, side: side)?.value, atLeast: limit,
                "Knee bends to at least \(n)°", unit: "°")
        case .kneeExtensionDeficitMax:
            return compare(
                timeline.latest(.kneeExtension, side: side)?.value, atMost: limit,
                limit == 0 ? "Knee straightens fully" : "Knee straightens to within \(n)° of straight", unit: "° short")
        case .extensorLagMax:
            return compare(
                timeline.latest(.extensorLag, side: side)?.value, atMost: limit,
                "Leg lifts with the knee straight (lag at most \(n)°)", unit: "° lag")
        case .balanceSecondsMin:
            return compare(
                timeline.latest(.singleLegBalance, side: side)?.value, atLeast: limit,
                "Stands on the operated leg for at least \(n) seconds", unit: " s")
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
            let measure = criterion.measure ?? .quadricepsStrength
            let label = "\(measure.rawValue) of the operated leg at least \(n)% of the other leg"
            guard let involved = timeline.latest(measure, side: side)?.value,
                let uninvolved = timeline.latest(measure, side: side.other)?.value,
                let index = LimbSymmetry.index(involved: involved, uninvolved: uninvolved)
            else { return Outcome(met: false, text: "\(label) (not measured on both legs yet)", measured: false) }
            return Outcome(met: index >= limit, text: "\(label) (now \(index.rounded().clean)%)")
        }
    }

    private static func compare(_ value: Double?, atLeast limit: Double, _ label: String, unit: String) -> Outcome {
        guard let value else { return Outcome(met: false, text: "\(label) (not measured yet)", measured: false) }
        return Outcome(met: value >= limit, text: "\(label) (now \(value.clean)\(unit))")
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
