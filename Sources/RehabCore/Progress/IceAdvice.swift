/// When ice is advised after a session, in words (docs/clinical-sources.md §4).
public enum IceAdvice {
    /// The advice when pain rose or swelling was reported; the time comes from the catalog's ice dose.
    public static func today(time: String) -> String {
        "Today, after your exercises: your knee was sore or swollen, so cool it for \(time) with a cold "
            + "pack wrapped in a damp cloth. Never put ice straight on the skin. Stop if the skin goes numb, white or "
            + "blistered."
    }

    /// The advice otherwise.
    public static func whenNeeded(time: String) -> String {
        "After your exercises, if your knee is sore or swollen: a cold pack wrapped in a damp cloth for \(time), "
            + "at least an hour apart. Never put ice straight on the skin."
    }

    /// True when the last session ended in pain at or above the threshold, or swelling was reported since.
    public static func isRecommended(_ timeline: RecordTimeline, _ settings: ProgressionSettings) -> Bool {
        guard let last = timeline.record.sessions.last(where: { $0.date <= timeline.today }) else { return false }
        let threshold = Int(settings.icePainAfter.value)
        if let after = last.painAfter, after >= threshold { return true }
        if let before = last.painBefore, let after = last.painAfter, after > before { return true }
        if let checkIn = timeline.latestCheckIn, checkIn.date >= last.date, let swelling = checkIn.swelling,
            swelling > .none
        {
            return true
        }
        return last.exercises.contains { ($0.painDuring ?? 0) >= threshold }
    }
}
