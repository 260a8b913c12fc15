/// Triage of a daily check-in (docs/clinical-sources.md §5): which warning signs are present and how urgently to act.
///
/// A pure function of the check-in, the earlier check-ins and the policy, so the command line, the API and the
/// progression engine all reach the same verdict.
public enum Triage {
    /// Runs every rule of `RedFlagRule.all` and returns the most severe level with every rule that fired.
    ///
    /// `recent` holds earlier check-ins (any order; later or same-day ones are ignored) for the rules about
    /// repeated days. The check-in is assumed valid (`CheckIn.validate()`); answers left out never trigger a rule.
    /// When nothing fires the result is `continue` with one `no-warning-signs` reason.
    ///
    /// The messages are in `language`, from `sentences` (pass the catalog's, which a clinic may have changed).
    public static func assess(
        _ checkIn: CheckIn, recent: [CheckIn] = [], policy: TriagePolicy, sentences: Sentences = .bundled,
        in language: Language = .english
    ) -> TriageResult {
        let context = TriageContext(checkIn: checkIn, recent: recent, policy: policy)
        let reasons = RedFlagRule.all.compactMap { $0.reason(in: context, sentences, language) }
        guard reasons.isEmpty else { return TriageResult(reasons: reasons) }
        return TriageResult(reasons: [
            TriageReason(
                rule: RedFlagRule.noWarningSigns, level: .continue,
                message: RedFlagRule.message(RedFlagRule.noWarningSigns, [:], sentences: sentences, in: language))
        ])
    }
}
