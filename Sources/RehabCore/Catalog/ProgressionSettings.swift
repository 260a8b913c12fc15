/// A number a clinic can tune, with the source it comes from.
public struct SourcedValue: Codable, Sendable {
    /// The number.
    public var value: Double
    /// Where it comes from.
    public var source: String
}

/// The tunable numbers of pain-monitored progression, adherence and ice advice (`progression.yaml`).
///
/// The rules themselves are named values in `ProgressionRules`; this is only their thresholds, so a clinic can
/// change a threshold without touching code.
public struct ProgressionSettings: Codable, Sendable {
    /// Highest pain during exercise that counts as green ("safe"), 0–10.
    public var painGreenMax: SourcedValue
    /// Highest pain during exercise that counts as amber ("acceptable"); above it is red.
    public var painAmberMax: SourcedValue
    /// Consecutive green, easy sessions needed before moving up one step.
    public var greenSessionsToProgress: SourcedValue
    /// Consecutive red sessions after which the exercise is paused and the clinician told.
    public var redSessionsToPause: SourcedValue
    /// Points above usual morning pain that count as "slightly higher" (hold).
    public var morningPainSlightlyHigher: SourcedValue
    /// Points above usual morning pain that count as "clearly higher" (regress).
    public var morningPainClearlyHigher: SourcedValue
    /// Days of check-ins before a session that define a patient's usual morning pain.
    public var usualPainWindowDays: SourcedValue
    /// Check-ins in a row with moderate or worse swelling after which the clinician is told.
    public var swellingRepeatsToNotify: SourcedValue
    /// Share of prescribed sessions, in percent, at or above which a week counts as adherent.
    public var adherentPercent: SourcedValue
    /// Pain after a session, 0–10, from which ice is advised.
    public var icePainAfter: SourcedValue
    /// Days without any session after which a missed-sessions alert is raised.
    public var missedDaysToNotify: SourcedValue
    /// Days for which the latest check-in steers the plan (an urgent or emergency one pauses every exercise).
    public var checkInFreshDays: SourcedValue
    /// Days before a session (with its own day) in which a swelling report counts as the swelling before it.
    public var swellingBeforeDays: SourcedValue

    /// The green/amber/red zone of a pain score.
    public func zone(ofPain pain: Int) -> PainZone {
        if Double(pain) <= painGreenMax.value { return .green }
        if Double(pain) <= painAmberMax.value { return .amber }
        return .red
    }
}

/// The traffic-light zone of pain during exercise (docs/clinical-sources.md §3.2–3.3).
public enum PainZone: String, Codable, Sendable {
    case green, amber, red
}
