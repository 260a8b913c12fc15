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
        /// "7 questions."
        let questions: String
        let last: String?
        /// "Answer KOOS JR".
        let answer: String
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
        /// "KOOS · question 3 of 42".
        let progressLine: String
        /// Why a validated form's items are in English on a page in another language.
        let notice: String?
        /// The `lang` of the item and its answers when it differs from the page's.
        let itemLang: String?
    }

    struct Option {
        let value: Int
        let label: String
    }

    struct ScoredPage {
        let chrome: Chrome
        let title: String
        let scales: [Scale]
        let lead: String
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
            let words = context.words(identity)
            let entries = Instrument.allCases.map { instrument in
                let last = responses.last { $0.instrument == instrument }
                let title = Self.title(instrument, words)
                return Entry(
                    id: instrument.rawValue, title: title,
                    questions: words("questionnaires_count", ["count": "\(instrument.items.count)"]),
                    last: last.map {
                        words("questionnaires_last", ["date": "\($0.date)", "score": Self.describe($0.score, words)])
                    },
                    answer: words("questionnaires_answer", ["title": title]))
            }
            return context.pages.page(
                "questionnaires",
                ListPage(chrome: context.chrome(words["questionnaires_title"], identity), instruments: entries))
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
            return question(
                identity, instrument, answers: answers, submission: submission,
                error: context.words(identity)["question_choose"])
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
        let words = context.words(identity)
        let scales = (score?.scales ?? []).map {
            Scale(
                name: $0.scale == "score" ? words["questionnaires_score"] : $0.scale.uppercased(),
                value: $0.value.map(Self.number) ?? words["questionnaires_not_enough"])
        }
        let title = Self.title(instrument, words)
        return context.pages.page(
            "scored",
            ScoredPage(
                chrome: context.chrome(words["thank_you"], identity), title: title, scales: scales,
                lead: words("scored_lead", ["title": title])))
    }

    private func question(
        _ identity: Identity, _ instrument: Instrument, answers: [String: Int], submission: String, error: String?
    ) -> Response {
        let items = instrument.items
        let index = items.firstIndex { answers[$0.id] == nil } ?? 0
        let item = items[index]
        let json = (try? JSONResponse.encoder.encode(answers)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let words = context.words(identity)
        let title = Self.title(instrument, words)
        let wording = ItemWording(
            instrument: instrument, words: words,
            licensed: context.services.catalog.translations[words.language]?.questionnaires[instrument.rawValue])
        let model = QuestionPage(
            chrome: context.chrome(title, identity), instrument: instrument.rawValue,
            title: title, number: index + 1, total: items.count, label: wording.label(item),
            options: Self.options(item).map { Option(value: $0.value, label: wording.answer($0.label, item)) },
            answers: json, submission: submission, error: error,
            progressLine: words(
                "question_progress", ["title": title, "number": "\(index + 1)", "total": "\(items.count)"]),
            notice: wording.inEnglish ? words["question_english_notice"] : nil,
            itemLang: wording.inEnglish ? "en" : nil)
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

    static func describe(_ score: QuestionnaireScore, _ words: Words = .english) -> String {
        score.scales.map {
            let name = $0.scale == "score" ? words["questionnaires_score"].lowercased() : $0.scale
            return "\(name) \($0.value.map(number) ?? "–")"
        }
        .joined(separator: ", ")
    }

    /// An instrument's title in the page's language (the acronyms are names and stay).
    static func title(_ instrument: Instrument, _ words: Words) -> String {
        switch instrument {
        case .nprs: words["questionnaires_nprs"]
        case .ikdc: words["questionnaires_ikdc"]
        case .koos, .koosJR, .lefs: instrument.title
        }
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// The words of a questionnaire's items in the page's language.
///
/// NPRS, a simple 0–10 scale, is translated as page words. A validated form (KOOS, KOOS JR, LEFS, IKDC) may only
/// be shown in another language in its licensed translation, which a clinic adds to its catalog override
/// (`translations/<code>.yaml`, `questionnaires:`); without one its items stay in English, marked `lang="en"`, with
/// a notice.
struct ItemWording {
    let instrument: Instrument
    let words: Words
    /// The clinic's licensed translation, if it added one.
    let licensed: CatalogTranslation.InstrumentText?

    /// True when the items are shown in English on a page in another language.
    var inEnglish: Bool { words.language != .english && instrument != .nprs && licensed == nil }

    func label(_ item: QuestionnaireItem) -> String {
        guard words.language != .english else { return item.label }
        if instrument == .nprs { return words["questionnaires_nprs_item"] }
        return licensed?.items[item.id] ?? item.label
    }

    /// An answer's words: the licensed translation's (keyed by the English words after the number), the NPRS
    /// ends in the page's words, else as written.
    func answer(_ english: String, _ item: QuestionnaireItem) -> String {
        guard words.language != .english else { return english }
        let parts = english.components(separatedBy: " — ")
        guard parts.count == 2 else { return english }
        if instrument == .nprs {
            let key = ["none": "questionnaires_none", "worst": "questionnaires_worst", "best": "questionnaires_best"]
            return key[parts[1]].map { "\(parts[0]) — \(words[$0])" } ?? english
        }
        return licensed?.answers?[parts[1]].map { "\(parts[0]) — \($0)" } ?? english
    }
}
