/// The program's automatic note to the clinician after a painful session: which exercise hurt and how much, or
/// that the patient stopped because of pain.
///
/// A session is painful when any pain it reports (during an exercise, or just after) reaches the triage
/// catalog's `contactPain` (7/10: constant pain of 7 or more is not expected, clinical-sources §5.1), or when the
/// patient stopped for pain. The note is in the thread, marked as from the program, so the clinician hears of it
/// without the patient having to write.
public enum PainfulSessionNote {
    /// The note for `session`, or nil when it was not painful. `names` gives an exercise's name for the text.
    public static func text(
        for session: ExerciseSession, threshold: Int, names: (ExerciseID) -> String
    ) -> String? {
        let hurt = session.exercises.compactMap { exercise -> String? in
            guard let pain = exercise.painDuring, pain >= threshold else { return nil }
            return "\(names(exercise.id)) hurt \(pain)/10"
        }
        let after = session.painAfter.flatMap { $0 >= threshold ? $0 : nil }
        let stopped = session.stoppedForPain == true
        guard !hurt.isEmpty || after != nil || stopped else { return nil }
        var parts: [String] = []
        if !hurt.isEmpty { parts.append(Self.list(hurt) + " during the exercises") }
        if let after { parts.append("pain just after the session was \(after)/10") }
        let stop = "The patient stopped the session of \(session.date) early because of pain."
        guard !parts.isEmpty else { return "Automatic note: " + stop }
        var text = "Automatic note: in the session of \(session.date), " + Self.list(parts) + "."
        if stopped { text += " The patient stopped it early because of pain." }
        return text
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
