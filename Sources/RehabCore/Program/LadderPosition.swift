extension Exercise {
    /// The ladder step a logged performance corresponds to: the step the app recorded, or the closest dose.
    ///
    /// Patients often do a little less or more than prescribed, so the closest rung (relative difference over
    /// the work fields, ties to the easier rung) is a fairer reading than an exact match.
    public func ladderStep(of performed: PerformedExercise) -> Int {
        if let step = performed.step { return min(max(step, 1), ladder.count) }
        let done = performed.dose
        var best = 1
        var bestDistance = Double.infinity
        for (index, rung) in ladder.enumerated() {
            let distance = Self.distance(rung.dose, done)
            if distance < bestDistance {
                bestDistance = distance
                best = index + 1
            }
        }
        return best
    }

    private static func distance(_ a: Dose, _ b: Dose) -> Double {
        func part(_ x: Double?, _ y: Double?) -> Double {
            guard let x, let y else { return x == nil && y == nil ? 0 : 0.5 }
            let scale = max(abs(x), abs(y), 1)
            return abs(x - y) / scale
        }
        func d(_ value: Int?) -> Double? { value.map(Double.init) }
        return part(d(a.sets), d(b.sets)) + part(d(a.reps), d(b.reps)) + part(d(a.holdSeconds), d(b.holdSeconds))
            + part(d(a.durationMinutes), d(b.durationMinutes)) + part(d(a.stepHeightCm), d(b.stepHeightCm))
            + 2 * part(a.loadKg ?? 0, b.loadKg ?? 0)
    }
}
