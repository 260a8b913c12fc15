/// Checks that a translation gives every patient-facing text of the catalog, list for list: the rule behind the
/// catalog validator's refusal of a catalog whose Spanish is incomplete.
///
/// Covered: each exercise's name, purpose, steps, cues, ladder step names, restriction texts and
/// contraindications; each protocol's name and loaded-flexion limits; each phase's name and precautions. Not
/// covered, by rule: the items and answers of validated questionnaires (KOOS, KOOS JR, LEFS, IKDC), whose
/// translation must be the licensed one, which a clinic adds through its override (`docs/languages.md`); and
/// texts only clinicians read (sources, goals, entry criteria, summaries).
struct TranslationCoverage {
    let exercises: [Exercise]
    let protocols: [RehabProtocol]

    /// Every missing or mismatched text, named by its place in the translation file.
    func problems(_ translation: CatalogTranslation, language: Language) -> [CatalogError.Problem] {
        let file = "translations/\(language.rawValue).yaml"
        var problems: [CatalogError.Problem] = []
        func check(_ ok: Bool, _ path: String, _ problem: String) {
            if !ok { problems.append(.init(file: file, keyPath: path, problem: problem)) }
        }
        func lists(_ texts: [String], _ english: Int, _ path: String) {
            check(texts.count == english, path, "has \(texts.count) texts; the English has \(english)")
            for (index, text) in texts.enumerated() { check(!text.isEmpty, "\(path)[\(index)]", "is empty") }
        }
        for exercise in exercises {
            let path = "exercises.\(exercise.id.rawValue)"
            guard let text = translation.exercises[exercise.id.rawValue] else {
                check(false, path, "is missing: \(exercise.name) has no \(language.ownName) text")
                continue
            }
            check(!text.name.isEmpty, "\(path).name", "is empty")
            check(!text.purpose.isEmpty, "\(path).purpose", "is empty")
            lists(text.steps, exercise.steps.count, "\(path).steps")
            lists(text.cues, exercise.cues.count, "\(path).cues")
            lists(text.ladder, exercise.ladder.count, "\(path).ladder")
            lists(text.restrictions, exercise.restrictions.count, "\(path).restrictions")
            lists(text.contraindications, exercise.contraindications.count, "\(path).contraindications")
        }
        for rehab in protocols {
            let path = "protocols.\(rehab.kind.rawValue)"
            guard let text = translation.protocols[rehab.kind.rawValue] else {
                check(false, path, "is missing: \(rehab.name) has no \(language.ownName) text")
                continue
            }
            check(!text.name.isEmpty, "\(path).name", "is empty")
            lists(text.loadedFlexionLimits, rehab.loadedFlexionLimits.count, "\(path).loadedFlexionLimits")
            for phase in rehab.phases {
                guard let phaseText = text.phases[phase.id] else {
                    check(false, "\(path).phases.\(phase.id)", "is missing")
                    continue
                }
                check(!phaseText.name.isEmpty, "\(path).phases.\(phase.id).name", "is empty")
                lists(phaseText.precautions, phase.precautions.count, "\(path).phases.\(phase.id).precautions")
            }
        }
        return problems
    }
}
