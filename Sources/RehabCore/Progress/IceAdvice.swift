/// When ice is advised after a session, in words (docs/clinical-sources.md §4).
public enum IceAdvice {
    /// The advice when pain rose or swelling was reported; the time comes from the catalog's ice dose.
    public static func today(time: String, sentences: Sentences = .bundled, in language: Language = .english)
        -> String
    {
        sentences.text("ice-today", in: language, ["time": time])
    }

    /// The advice otherwise.
    public static func whenNeeded(time: String, sentences: Sentences = .bundled, in language: Language = .english)
        -> String
    {
        sentences.text("ice-when-needed", in: language, ["time": time])
    }

    /// The ice time in words: the catalog's minutes, or the plan's time when the dose names none.
    public static func time(minutes: Int?, sentences: Sentences = .bundled, in language: Language = .english)
        -> String
    {
        minutes.map { sentences.text("ice-minutes", in: language, ["minutes": "\($0)"]) }
            ?? sentences.text("ice-plan-time", in: language)
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
