/// The limb symmetry index: the operated leg as a percentage of the other (docs/clinical-sources.md §7).
public enum LimbSymmetry {
    /// involved ÷ uninvolved × 100, or nil when the other leg's value is not positive.
    public static func index(involved: Double, uninvolved: Double) -> Double? {
        guard uninvolved > 0, involved >= 0, involved.isFinite, uninvolved.isFinite else { return nil }
        return involved / uninvolved * 100
    }

    /// The index in the kind's direction: timed tests, where less is better, are turned round
    /// (uninvolved ÷ involved × 100), as §7 notes.
    public static func index(_ direction: SymmetryDirection, involved: Double, uninvolved: Double) -> Double? {
        switch direction {
        case .higherIsBetter: index(involved: involved, uninvolved: uninvolved)
        case .lowerIsBetter:
            involved > 0 ? index(involved: uninvolved, uninvolved: involved) : nil
        }
    }

    /// One day on which both legs were measured.
    public struct Point: Sendable, Equatable {
        /// The day.
        public var date: CalendarDate
        /// The operated leg's value.
        public var involved: Double
        /// The other leg's value.
        public var uninvolved: Double
        /// The index, in percent.
        public var index: Double

        /// Makes a point.
        public init(date: CalendarDate, involved: Double, uninvolved: Double, index: Double) {
            self.date = date
            self.involved = involved
            self.uninvolved = uninvolved
            self.index = index
        }
    }

    /// The index over time for one kind: each day with a value on both legs (the day's last of each), oldest first.
    ///
    /// Only values whose method may open a gate count, so the chart and the gate agree.
    public static func history(
        of spec: MeasurementSpec, in measurements: [Measurement], operated side: Side
    ) -> [Point] {
        guard let direction = spec.symmetry else { return [] }
        var byDay: [CalendarDate: (involved: Double?, uninvolved: Double?)] = [:]
        for m in measurements where m.kind == spec.kind && spec.opensGate(m.method) {
            var day = byDay[m.date] ?? (nil, nil)
            if m.side == side { day.involved = m.value } else { day.uninvolved = m.value }
            byDay[m.date] = day
        }
        return byDay.keys.sorted().compactMap { date in
            guard let day = byDay[date], let involved = day.involved, let uninvolved = day.uninvolved,
                let index = index(direction, involved: involved, uninvolved: uninvolved)
            else { return nil }
            return Point(date: date, involved: involved, uninvolved: uninvolved, index: index)
        }
    }
}
