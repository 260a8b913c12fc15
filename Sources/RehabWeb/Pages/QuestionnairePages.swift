import Foundation
import Hummingbird
import RehabCore

/// Questionnaires one question per screen. Answers so far travel in a hidden field; the last answer scores
/// and stores the response once.
struct QuestionnairePages {
    let context: PageContext

    struct ListPage {
        let chrome: Chrome
        let instruments: [Entry]
    }

    struct Entry {
        let id: String
        let title: String
        let questions: Int
        let last: String?
    }

    struct QuestionPage {
        let chrome: Chrome
        let instrument: String
        let title: String
        let number: Int
        let total: Int
        let label: String
        let options: [Option]
        let answers: String
        let submission: String
        let error: String?
    }

    struct Option {
        let value: Int
        let label: String
    }

    struct ScoredPage {
        let chrome: Chrome
        let title: String
        let scales: [Scale]
    }

    struct Scale {
        let name: String
        let value: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("questionnaires") { _, requestContext in
            let (identity, patient) = try context.patient(requestContext)
            let responses = try await context.services.store.questionnaireResponses(
                of: patient.id, by: context.actor(identity, requestContext))
            let entries = Instrument.allCases.map { instrument in
                let last = responses.last { $0.instrument == instrument }
                return Entry(
                    id: instrument.rawValue, title: instrument.title, questions: instrument.items.count,
                    last: last.map { "Last answered \($0.date): \(Self.describe($0.score))" })
            }
            return context.pages.page(
                "questionnaires", ListPage(chrome: context.chrome("Questionnaires", identity), instruments: entries))
        }
        router.get("questionnaires/:instrument") { _, requestContext in
            let (identity, _) = try context.patient(requestContext)
            let instrument = try Self.instrument(requestContext)
            return question(identity, instrument, answers: [:], submission: UUID().uuidString, error: nil)
        }
        router.post("questionnaires/:instrument") { request, requestContext in
            try await answer(request, requestContext)
        }
    }

    private func answer(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let (identity, patient) = try context.patient(requestContext)
        let instrument = try Self.instrument(requestContext)
        let form = try await context.form(request, requestContext, identity: identity)
        let submission = form["submission"].flatMap { UUID(uuidString: $0)?.uuidString } ?? UUID().uuidString
        var answers =
            (form["answers"]).flatMap { try? RequestBody.json([String: Int].self, from: Data($0.utf8)) } ?? [:]
        let items = instrument.items
        guard let next = items.first(where: { answers[$0.id] == nil }) else {
            return try await store(identity, patient, instrument, answers, submission, requestContext)
        }
        guard let value = form["choice"].flatMap(Int.init), next.range.contains(value) else {
            return question(identity, instrument, answers: answers, submission: submission, error: "Choose one answer.")
        }
        answers[next.id] = value
        if items.allSatisfy({ answers[$0.id] != nil }) {
            return try await store(identity, patient, instrument, answers, submission, requestContext)
        }
        return question(identity, instrument, answers: answers, submission: submission, error: nil)
    }

    private func store(
        _ identity: Identity, _ patient: Patient, _ instrument: Instrument, _ answers: [String: Int],
        _ submission: String, _ requestContext: AppRequestContext
    ) async throws -> Response {
        let key = IdempotencyKey(
            key: "questionnaire-page-" + submission, accountID: identity.account.id, requestHash: submission)
        let outcome = try await context.services.submitQuestionnaire(
            instrument, answers: QuestionnaireAnswers(answers.mapValues { Optional($0) }),
            date: context.configuration.today, for: patient, today: context.configuration.today, idempotency: key,
            by: context.actor(identity, requestContext),
            respond: { try WriteResponse.stored(["id": $0.id.description]) })
        var score: QuestionnaireScore?
        if case .created(let response, _) = outcome { score = response.score }
        if score == nil {
            score = try await context.services.store.questionnaireResponses(
                of: patient.id, by: context.actor(identity, requestContext)
            ).last { $0.instrument == instrument }?.score
        }
        let scales = (score?.scales ?? []).map {
            Scale(
                name: $0.scale == "score" ? "Score" : $0.scale.uppercased(),
                value: $0.value.map(Self.number) ?? "not enough answers")
        }
        return context.pages.page(
            "scored",
            ScoredPage(chrome: context.chrome("Thank you", identity), title: instrument.title, scales: scales))
    }

    private func question(
        _ identity: Identity, _ instrument: Instrument, answers: [String: Int], submission: String, error: String?
    ) -> Response {
        let items = instrument.items
        let index = items.firstIndex { answers[$0.id] == nil } ?? 0
        let item = items[index]
        let json = (try? JSONResponse.encoder.encode(answers)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let model = QuestionPage(
            chrome: context.chrome(instrument.title, identity), instrument: instrument.rawValue,
            title: instrument.title, number: index + 1, total: items.count, label: item.label,
            options: Self.options(item), answers: json, submission: submission, error: error)
        return context.pages.page("question", model, status: error == nil ? .ok : .unprocessableContent)
    }

    static func instrument(_ requestContext: AppRequestContext) throws -> Instrument {
        guard let instrument = requestContext.parameters.get("instrument").flatMap(Instrument.init(rawValue:)) else {
            throw WebError.notFound
        }
        return instrument
    }

    /// The answer choices of an item in words, best answer first.
    static func options(_ item: QuestionnaireItem) -> [Option] {
        let values = item.zeroMeans == .best ? Array(item.range) : Array(item.range.reversed())
        return values.map { Option(value: $0, label: label($0, item)) }
    }

    static func label(_ value: Int, _ item: QuestionnaireItem) -> String {
        if item.range == 0...4 {
            let best = [
                "None or never", "Mild or rarely", "Moderate or sometimes", "Severe or often", "Extreme or always",
            ]
            let worst = [
                "Extreme difficulty or unable", "Quite a bit of difficulty", "Moderate difficulty",
                "A little difficulty", "No difficulty",
            ]
            return "\(value) — " + (item.zeroMeans == .best ? best[value] : worst[value])
        }
        if value == item.minimum { return "\(value) — " + (item.zeroMeans == .best ? "none" : "worst") }
        if value == item.maximum { return "\(value) — " + (item.zeroMeans == .best ? "worst" : "best") }
        return "\(value)"
    }

    static func describe(_ score: QuestionnaireScore) -> String {
        score.scales.map { "\($0.scale == "score" ? "score" : $0.scale) \($0.value.map(number) ?? "–")" }
            .joined(separator: ", ")
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}
