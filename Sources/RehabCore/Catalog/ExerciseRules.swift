/// The limits on one exercise for one surgery: from which week it may be done and how high up its ladder.
///
/// The plan engine and the catalog validator ask the same questions here, so a protocol can never prescribe
/// what the engine would refuse.
public struct ExerciseRules: Sendable {
    /// The exercise.
    public let exercise: Exercise
    /// The surgery or pathway.
    public let kind: SurgeryKind
    /// The protocol's loaded-flexion limits.
    public let limits: [LoadedFlexionLimit]

    /// Makes the rules of one exercise under one protocol.
    public init(exercise: Exercise, kind: SurgeryKind, limits: [LoadedFlexionLimit]) {
        self.exercise = exercise
        self.kind = kind
        self.limits = limits
    }

    private var restrictions: some Sequence<Restriction> {
        exercise.restrictions.lazy.filter { $0.surgeries.contains(kind) }
    }

    /// Whether the exercise may be done at all in this week after surgery.
    public func isAllowed(inWeek week: Int) -> Bool {
        restrictions.allSatisfy { ($0.notBeforeWeek ?? 0) <= week }
    }

    /// The highest ladder step allowed in this week (0 when the exercise is not allowed).
    public func highestStep(inWeek week: Int) -> Int {
        guard isAllowed(inWeek: week) else { return 0 }
        var highest = exercise.ladder.count
        for restriction in restrictions {
            if let max = restriction.maxStep, let until = restriction.untilWeek, week < until {
                highest = min(highest, max)
            }
        }
        for limit in limits where week < limit.untilWeek {
            while highest > 0, let bend = exercise.ladder[highest - 1].loadedKneeFlexion, bend > limit.degrees {
                highest -= 1
            }
        }
        return highest
    }

    /// The precautions of this exercise that apply to this surgery now or later, in plain words.
    public func precautions(inWeek week: Int) -> [String] {
        var texts = restrictions.filter { r in
            (r.notBeforeWeek.map { week < $0 + 4 } ?? false) || (r.untilWeek.map { week < $0 } ?? false)
        }.map(\.text)
        texts += limits.filter { week < $0.untilWeek && exercise.ladder.contains { $0.loadedKneeFlexion != nil } }
            .map(\.text)
        return texts
    }

    /// Why starting a phase at `step` from `fromWeek` would break a restriction, if it would.
    func problem(startingAt step: Int, fromWeek: Int) -> String? {
        guard (1...max(1, exercise.ladder.count)).contains(step), !exercise.ladder.isEmpty else {
            return "step \(step) is not on the ladder (1–\(exercise.ladder.count))"
        }
        guard isAllowed(inWeek: fromWeek) else {
            return "is prescribed from week \(fromWeek) but not allowed before week \(firstAllowedWeek)"
        }
        let highest = highestStep(inWeek: fromWeek)
        if step > highest {
            return "starts at step \(step) but only steps up to \(highest) are allowed from week \(fromWeek)"
        }
        return nil
    }

    private var firstAllowedWeek: Int { restrictions.compactMap(\.notBeforeWeek).max() ?? 0 }
}
