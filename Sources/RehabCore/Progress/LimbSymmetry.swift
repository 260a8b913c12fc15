/// The limb symmetry index: the operated leg as a percentage of the other (docs/clinical-sources.md §7).
public enum LimbSymmetry {
    /// involved ÷ uninvolved × 100, or nil when the other leg's value is not positive.
    ///
    /// For timed tests where less is better, pass the times swapped (uninvolved ÷ involved), as §7 notes.
    public static func index(involved: Double, uninvolved: Double) -> Double? {
        guard uninvolved > 0, involved >= 0, involved.isFinite, uninvolved.isFinite else { return nil }
        return involved / uninvolved * 100
    }
}
