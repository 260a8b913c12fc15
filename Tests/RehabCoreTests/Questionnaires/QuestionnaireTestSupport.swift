import RehabCore

/// Answers from ids and values; a nil value is an explicit null.
func answers(_ pairs: [(String, Int?)]) -> QuestionnaireAnswers {
    QuestionnaireAnswers(Dictionary(uniqueKeysWithValues: pairs))
}

/// Answers giving every item of `ids` the same value.
func answers(_ ids: [String], all value: Int) -> QuestionnaireAnswers {
    answers(ids.map { ($0, value) })
}

/// The bundled questionnaire catalog; the tests fail loudly if it does not load.
let bundledQuestionnaires: QuestionnaireCatalog = {
    do {
        return try QuestionnaireCatalog.bundled()
    } catch {
        fatalError("bundled questionnaires.yaml does not load: \(error)")
    }
}()
