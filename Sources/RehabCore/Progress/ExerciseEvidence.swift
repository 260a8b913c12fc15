/// What the record says about one exercise: how the last sessions went and how the knee answered next morning.
public struct ExerciseEvidence: Sendable {
    /// Pain zone of the most recent sessions with this exercise, newest first.
    public var recentZones: [PainZone]
    /// Difficulty of the most recent sessions, newest first (nil where not reported).
    public var recentDifficulty: [Difficulty?]
    /// The patient stopped the last session because it hurt.
    public var stoppedForPain: Bool
    /// Next-morning pain minus usual morning pain after the last session, when both are known.
    public var morningPainRise: Int?
    /// Swelling reported the morning after the last session.
    public var swellingAfter: Swelling?
    /// Swelling reported before the last session, the comparison for "increased".
    public var swellingBefore: Swelling?
    /// A red flag (urgent or emergency triage) is open on the latest check-in.
    public var redFlag: Bool

    /// Makes evidence; used by the engine and by tests that state a case directly.
    public init(
        recentZones: [PainZone], recentDifficulty: [Difficulty?], stoppedForPain: Bool = false,
        morningPainRise: Int? = nil, swellingAfter: Swelling? = nil, swellingBefore: Swelling? = nil,
        redFlag: Bool = false
    ) {
        self.recentZones = recentZones
        self.recentDifficulty = recentDifficulty
        self.stoppedForPain = stoppedForPain
        self.morningPainRise = morningPainRise
        self.swellingAfter = swellingAfter
        self.swellingBefore = swellingBefore
        self.redFlag = redFlag
    }

    /// True when swelling went up after the last session.
    public var swellingIncreased: Bool {
        guard let after = swellingAfter else { return false }
        return after > (swellingBefore ?? .none)
    }

    /// True when the last `count` sessions were all in `zone` (and there were that many).
    public func lastSessions(_ count: Int, allIn zone: PainZone) -> Bool {
        recentZones.count >= count && recentZones.prefix(count).allSatisfy { $0 == zone }
    }

    /// True when the last `count` sessions were all rated easy.
    public func lastSessions(_ count: Int, allRated difficulty: Difficulty) -> Bool {
        recentDifficulty.count >= count && recentDifficulty.prefix(count).allSatisfy { $0 == difficulty }
    }
}

extension ExerciseEvidence {
    /// Gathers the evidence for one exercise from a record timeline.
    static func gather(
        for id: ExerciseID, in timeline: RecordTimeline, settings: ProgressionSettings, redFlag: Bool
    ) -> (evidence: ExerciseEvidence, last: RecordTimeline.Entry?) {
        let needed = Int(max(settings.greenSessionsToProgress.value, settings.redSessionsToPause.value))
        let entries = timeline.recentEntries(of: id, limit: needed)
        let zones = entries.map { settings.zone(ofPain: $0.exercise.painDuring ?? 0) }
        var evidence = ExerciseEvidence(
            recentZones: zones, recentDifficulty: entries.map(\.exercise.difficulty), redFlag: redFlag)
        guard let last = entries.first else { return (evidence, nil) }
        evidence.stoppedForPain = last.session.stoppedForPain == true
        let sessionDate = last.session.date
        if let morning = timeline.nextMorning(after: sessionDate) {
            evidence.swellingAfter = morning.swelling
            if let pain = morning.painMorning,
                let usual = timeline.usualMorningPain(
                    before: sessionDate, windowDays: Int(settings.usualPainWindowDays.value))
            {
                evidence.morningPainRise = pain - usual
            }
        }
        let swellingDays = Int(settings.swellingBeforeDays.value)
        evidence.swellingBefore =
            timeline.checkIns(within: swellingDays, before: sessionDate).first { $0.swelling != nil }?.swelling
        return (evidence, last)
    }
}
