/// A minimal clinically important difference: how many points of change a patient would notice as meaningful.
///
/// Thresholds are data (`questionnaires.yaml`) because sources disagree and clinics may choose their own; each
/// carries its source so the app can say where a "meaningful change" verdict comes from.
public struct MCIDThreshold: Codable, Hashable, Sendable {
    /// The instrument the threshold applies to.
    public let instrument: Instrument
    /// The scales it applies to (KOOS subscale names); nil = every scale of the instrument.
    public let scales: [String]?
    /// The size of change, in the instrument's points.
    public let points: Double
    /// What reaching it means, e.g. "much better" or "substantial clinical benefit".
    public let meaning: String
    /// The earliest month after surgery the threshold is meant for, when the source ties it to time.
    public let fromMonth: Int?
    /// Where the number comes from.
    public let source: String

    /// Makes a threshold.
    public init(
        instrument: Instrument, scales: [String]? = nil, points: Double, meaning: String, fromMonth: Int? = nil,
        source: String
    ) {
        self.instrument = instrument
        self.scales = scales
        self.points = points
        self.meaning = meaning
        self.fromMonth = fromMonth
        self.source = source
    }

    func applies(to instrument: Instrument, scale: String) -> Bool {
        self.instrument == instrument && (scales?.contains(scale) ?? true)
    }
}

/// The change of one scale between two scores of the same instrument, judged against its MCID.
public struct ScoreChange: Codable, Hashable, Sendable {
    /// Which way the patient moved.
    public enum Direction: String, Codable, Sendable {
        /// The patient improved.
        case better
        /// The patient got worse.
        case worse
        /// No change.
        case unchanged
    }

    /// The instrument compared.
    public let instrument: Instrument
    /// The scale: a KOOS subscale name, or `score`.
    public let scale: String
    /// The earlier value.
    public let baseline: Double
    /// The later value.
    public let followUp: Double
    /// Later minus earlier, in the instrument's points (rounded to 3 decimals).
    public let change: Double
    /// Better, worse or unchanged for the patient (for NPRS a fall is better).
    public let direction: Direction
    /// The main threshold the change is judged against.
    public let threshold: MCIDThreshold
    /// Whether the size of the change reaches the main threshold.
    public let meaningful: Bool
    /// The largest threshold of this scale that the change reaches (e.g. NPRS 1 point, "slightly"), or nil.
    public let largestReached: MCIDThreshold?
}

extension QuestionnaireCatalog {
    /// Compares two scores of the same instrument, scale by scale, against the MCIDs of this catalog.
    ///
    /// Scales unscored in either result (a null KOOS subscale) and scales without a threshold are left out.
    /// `monthsAfterSurgery` picks a time-specific threshold (IKDC: 11.5 at 6 months, 9.0 from 12 months); without
    /// it the first threshold listed for the scale is used. Throws when the instruments differ.
    public func compare(
        _ baseline: QuestionnaireScore, _ followUp: QuestionnaireScore, monthsAfterSurgery: Int? = nil
    ) throws(InvalidInput) -> [ScoreChange] {
        guard baseline.instrument == followUp.instrument else {
            throw InvalidInput(
                field: "followUp.instrument",
                problem: "is \(followUp.instrument.rawValue) but the baseline is \(baseline.instrument.rawValue)")
        }
        let instrument = baseline.instrument
        var changes: [ScoreChange] = []
        for ((scale, before), (_, after)) in zip(baseline.scales, followUp.scales) {
            guard let before, let after else { continue }
            let candidates = mcid.filter { $0.applies(to: instrument, scale: scale) }
            guard let main = Self.mainThreshold(candidates, monthsAfterSurgery: monthsAfterSurgery) else { continue }
            let change = ((after - before) * 1000).rounded() / 1000
            let size = abs(change) + 1e-9
            let sameTime = candidates.filter { $0.fromMonth == main.fromMonth }
            let improvement = instrument == .nprs ? -change : change
            changes.append(
                ScoreChange(
                    instrument: instrument, scale: scale, baseline: before, followUp: after, change: change,
                    direction: improvement > 0 ? .better : improvement < 0 ? .worse : .unchanged,
                    threshold: main, meaningful: size >= main.points,
                    largestReached: sameTime.filter { size >= $0.points }.max { $0.points < $1.points }))
        }
        return changes
    }

    private static func mainThreshold(_ candidates: [MCIDThreshold], monthsAfterSurgery: Int?) -> MCIDThreshold? {
        guard let months = monthsAfterSurgery else { return candidates.first }
        let timed = candidates.filter { ($0.fromMonth ?? 0) <= months }
        guard let latest = timed.map({ $0.fromMonth ?? 0 }).max() else { return candidates.first }
        return timed.first { ($0.fromMonth ?? 0) == latest }
    }
}
