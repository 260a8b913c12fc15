import RehabCore

/// Questionnaires as the `QuestionnaireResponse` the patient gave and one `survey` `Observation` of its score,
/// derived from the response.
extension FHIRBuilder {
    /// The response, then its score.
    func resources(of response: QuestionnaireResponse) -> (response: FHIRQuestionnaireResponse, score: FHIRObservation)
    {
        let name = "QuestionnaireResponse/questionnaire-response/\(response.id)"
        let items = response.instrument.items.compactMap { item -> FHIRQuestionnaireResponse.Item? in
            guard let answer = response.answers[item.id] else { return nil }
            return FHIRQuestionnaireResponse.Item(
                linkId: item.id, text: item.label, answer: [FHIRQuestionnaireResponse.Answer(valueInteger: answer)])
        }
        let answered = FHIRQuestionnaireResponse(
            id: FHIRIdentity.id(name), questionnaire: FHIRCodes.questionnaire(response.instrument),
            status: "completed", subject: subject, authored: FHIRTime.instant(response.createdAt), author: subject,
            source: subject, item: items.isEmpty ? nil : items)
        var score = FHIRObservation(
            id: FHIRIdentity.id("Observation/questionnaire-response/\(response.id)/score"), category: .survey,
            code: Self.scoreCode(response.instrument), subject: subject, effective: response.date.description)
        score.issued = FHIRTime.instant(response.createdAt)
        score.derivedFrom = [style.reference("QuestionnaireResponse", answered.id)]
        switch response.score {
        case .nprs(let result): score.valueQuantity = Self.score(result.score)
        case .koosJR(let result):
            score.valueQuantity = FHIRQuantity(result.score, ucum: "{score}")
            score.component = [
                .init(
                    FHIRCodeableConcept(
                        FHIRCodes.observation("koos-jr-raw-sum", "KOOS JR raw sum"), text: "KOOS JR raw sum"),
                    integer: result.raw)
            ]
        case .lefs(let result): score.valueQuantity = Self.score(result.score)
        case .ikdc(let result): score.valueQuantity = FHIRQuantity(result.score, ucum: "{score}")
        case .koos(let result): score.component = KOOS.Subscale.allCases.map { koosComponent($0, result[$0]) }
        }
        return (answered, score)
    }

    /// The code of an instrument's score: LOINC where confirmed (NPRS as the 0–10 pain rating, KOOS JR), KneeRehab's
    /// own otherwise. KOOS has no total; its subscales are components with their LOINC codes.
    static func scoreCode(_ instrument: Instrument) -> FHIRCodeableConcept {
        switch instrument {
        case .nprs: FHIRCodeableConcept(FHIRCodes.painScore, text: instrument.title)
        case .koosJR: FHIRCodeableConcept(FHIRCodes.koosJRScore, text: "KOOS JR interval score")
        case .koos:
            FHIRCodeableConcept(FHIRCodes.observation("koos-scores", "KOOS subscale scores"), text: "KOOS subscales")
        case .lefs: FHIRCodeableConcept(FHIRCodes.observation("lefs-score", "LEFS total score"), text: "LEFS total")
        case .ikdc:
            FHIRCodeableConcept(
                FHIRCodes.observation("ikdc-subjective-score", "IKDC subjective knee form score"),
                text: "IKDC subjective knee score")
        }
    }

    /// A KOOS subscale: its score, or why there is none (too few items answered).
    private func koosComponent(_ subscale: KOOS.Subscale, _ value: Double?) -> FHIRObservation.Component {
        let code = FHIRCodeableConcept(FHIRCodes.koos(subscale), text: subscale.title)
        guard let value else {
            let reason = FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.dataAbsentReason, code: "not-performed", display: "Not Performed"),
                text: "Too few items answered to score")
            return .init(code, absent: reason)
        }
        return .init(code, quantity: FHIRQuantity(value, ucum: "{score}"))
    }
}
