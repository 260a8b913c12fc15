/// One measure compared between the involved and the uninvolved leg.
///
/// Ratios for magnitudes, absolute differences for angles near zero (docs/motion-sources.md §2.8).
public struct SymmetryMeasure: Sendable, Equatable, Codable {
    /// The result field compared, e.g. `balanceSeconds`.
    public var measure: String
    /// Value on the involved leg.
    public var involved: Double
    /// Value on the uninvolved leg.
    public var uninvolved: Double
    /// Limb symmetry index, involved / uninvolved × 100, for magnitudes.
    public var lsiPercent: Double?
    /// Involved minus uninvolved, for angles near zero.
    public var difference: Double?
    /// Whether the asymmetry is worth a clinician's look: LSI under 90 % or a difference beyond the measure's
    /// minimal detectable change.
    public var flagged: Bool
}

/// A left–right comparison of two recordings of the same exercise.
///
/// After ACL reconstruction an LSI of at least 90 % is the usual criterion (§2.8); even healthy athletes often miss
/// strict symmetry, so differences are flagged only beyond the measurement error.
public struct LimbSymmetry: Sendable, Equatable, Codable {
    /// The leg taken as involved (the first recording's).
    public var involvedSide: Side
    /// The compared measures.
    public var measures: [SymmetryMeasure]

    /// LSI below this is flagged (§2.8: ≥ 90 % return-to-sport criterion).
    public static let lsiThreshold = 90.0
    /// Differences flagged beyond these minimal detectable changes in degrees (§2.8: FPPA 8–9°, sagittal 5–7°).
    public static let valgusMDC = 8.5
    /// See `valgusMDC`; for sagittal flexion and extension from a phone.
    public static let sagittalMDC = 6.0
    /// Heuristic for hip drop, labelled as such (§2.3: no validated cut-off; start at about 5°).
    public static let hipDropThreshold = 5.0

    /// Compares the measures both results have.
    ///
    /// Measures missing or withheld on either side are left out rather than compared against nothing.
    public static func compare(involved: MotionResult, uninvolved: MotionResult) -> LimbSymmetry {
        var measures: [SymmetryMeasure] = []
        func ratio(_ name: String, _ a: Double?, _ b: Double?) {
            guard let a, let b, b > 0 else { return }
            let lsi = a / b * 100
            measures.append(
                SymmetryMeasure(
                    measure: name, involved: a, uninvolved: b, lsiPercent: (lsi * 10).rounded() / 10,
                    difference: nil, flagged: lsi < lsiThreshold))
        }
        func difference(_ name: String, _ a: Double?, _ b: Double?, limit: Double) {
            guard let a, let b else { return }
            let d = a - b
            measures.append(
                SymmetryMeasure(
                    measure: name, involved: a, uninvolved: b, lsiPercent: nil, difference: (d * 10).rounded() / 10,
                    flagged: abs(d) > limit))
        }
        ratio("kneeFlexion.max", involved.kneeFlexion?.max, uninvolved.kneeFlexion?.max)
        ratio("reps", involved.reps.map(Double.init), uninvolved.reps.map(Double.init))
        ratio("holdSeconds", involved.holdSeconds, uninvolved.holdSeconds)
        ratio("liftDegrees", involved.liftDegrees, uninvolved.liftDegrees)
        ratio("balanceSeconds", involved.balanceSeconds, uninvolved.balanceSeconds)
        difference("valgusDegrees", involved.valgusDegrees, uninvolved.valgusDegrees, limit: valgusMDC)
        difference("extensionDegrees", involved.extensionDegrees, uninvolved.extensionDegrees, limit: sagittalMDC)
        difference("kneeBendDegrees", involved.kneeBendDegrees, uninvolved.kneeBendDegrees, limit: sagittalMDC)
        difference("hipDropDegrees", involved.hipDropDegrees, uninvolved.hipDropDegrees, limit: hipDropThreshold)
        return LimbSymmetry(involvedSide: involved.side, measures: measures)
    }
}
