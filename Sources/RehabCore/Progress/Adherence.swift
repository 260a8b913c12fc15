/// Adherence: completed ÷ prescribed sessions (docs/clinical-sources.md §9).
public enum Adherence {
    /// Adherence over the seven days ending on the timeline's day, against `sessionsPerWeek` prescribed.
    public static func lastSevenDays(
        _ timeline: RecordTimeline, sessionsPerWeek: Int, adherentPercent: Double
    ) -> AdherenceSummary {
        let completed = timeline.sessionCount(inLast: 7)
        return summary(completed: completed, prescribed: sessionsPerWeek, adherentPercent: adherentPercent)
    }

    /// Adherence for counted sessions; 100% when nothing was prescribed.
    public static func summary(completed: Int, prescribed: Int, adherentPercent: Double) -> AdherenceSummary {
        let percent = prescribed > 0 ? min(100, completed * 100 / prescribed) : 100
        return AdherenceSummary(
            completed: completed, prescribed: prescribed, percent: percent,
            adherent: Double(percent) >= adherentPercent)
    }
}
