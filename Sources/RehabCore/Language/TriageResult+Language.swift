extension TriageResult {
    /// This result with its reasons in `language`, rendered again from the check-in they were given for (a stored
    /// result keeps English words and rule ids, not the numbers behind them). The level and rules stay; a rule that
    /// does not fire again on these answers (a catalog changed since) keeps its stored words.
    public func translated(
        to language: Language, checkIn: CheckIn, recent: [CheckIn], catalog: Catalog
    ) -> TriageResult {
        guard language != .english else { return self }
        let again = Triage.assess(
            checkIn, recent: recent, policy: catalog.triage, sentences: catalog.sentences, in: language)
        return TriageResult(
            reasons: reasons.map { reason in
                again.reasons.first { $0.rule == reason.rule } ?? reason
            })
    }
}
