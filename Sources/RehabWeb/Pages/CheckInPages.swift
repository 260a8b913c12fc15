import Foundation
import Hummingbird
import RehabCore

/// The daily check-in as a page: pain, swelling, temperature and the red-flag questions in plain words, then
/// the triage result. An emergency shows a full-width "call now" banner with the clinic's emergency number.
struct CheckInPages {
    let context: PageContext

    /// A yes/no red-flag question.
    struct Question {
        let name: String
        let text: String
        let yes: Bool
        let no: Bool
    }

    struct CheckInPage {
        let chrome: Chrome
        let submission: String
        let painAtRest: [PainScale.Button]
        let painMorning: [PainScale.Button]
        let swelling: [PainScale.Choice]
        let temperature: String
        let questions: [Question]
        let error: String?
    }

    struct TriagePage {
        let chrome: Chrome
        let emergency: Bool
        let urgent: Bool
        let contact: Bool
        let calm: Bool
        let headline: String
        let reasons: [String]
        let alertRaised: Bool
        let emergencyNumber: String
        /// "Call 911 now".
        let call: String
    }

    static let questions: [(String, String)] = [
        ("chestPainOrBreathless", "Do you have chest pain, or are you short of breath?"),
        ("calfPainOrSwelling", "Is your calf (lower leg) painful, tender or swollen?"),
        ("woundRedness", "Is the skin around the wound redder, hotter or more swollen than before?"),
        ("woundDrainage", "Is fluid or pus coming out of the wound?"),
        ("footNumbOrCold", "Is your foot numb, cold or pale?"),
        ("kneeLocked", "Is your knee stuck, so that it will not straighten or bend?"),
        ("giveWay", "Did your knee give way under you?"),
    ]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("checkin") { _, requestContext in
            let (identity, _) = try context.patient(requestContext)
            return context.pages.page("checkin", page(identity, form: nil, error: nil))
        }
        router.post("checkin") { request, requestContext in
            let (identity, patient) = try context.patient(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            let checkIn: CheckIn
            do {
                checkIn = try Self.checkIn(form, today: context.configuration.today)
            } catch let error as WebError {
                let message =
                    identity.language == .english
                    ? error.message : Self.problem(error.field, words: context.words(identity))
                return context.pages.page(
                    "checkin", page(identity, form: form, error: message), status: .unprocessableContent)
            }
            let key = IdempotencyKey(
                key: "checkin-page-" + (form["submission"] ?? UUID().uuidString), accountID: identity.account.id,
                requestHash: form["submission"] ?? "")
            let outcome = try await context.services.submitCheckIn(
                checkIn, for: patient, today: context.configuration.today, idempotency: key,
                by: context.actor(identity, requestContext),
                respond: { try WriteResponse.stored(TriageSummary(level: $0.triage.level, alert: $0.alertID != nil)) })
            let result: TriageResult
            let alert: Bool
            let given: CheckIn
            let stored = try await context.services.store.checkIns(
                of: patient.id, by: context.actor(identity, requestContext))
            switch outcome {
            case .created(let created, _):
                (result, alert, given) = (created.triage, created.alertID != nil, checkIn)
            case .replayed:
                let latest = stored.last
                result = latest?.triage ?? TriageResult(reasons: [])
                alert = latest?.alertID != nil
                given = latest?.checkIn ?? checkIn
            }
            // The stored reasons are English; the patient reads them in their language, with their numbers.
            let recent = stored.map(\.checkIn).filter {
                $0.date <= given.date && $0.date.days(until: given.date) <= 7
            }
            let shown = result.translated(
                to: identity.language, checkIn: given, recent: recent, catalog: context.services.catalog)
            return context.pages.page("triage", triagePage(identity, shown, alertRaised: alert))
        }
    }

    struct TriageSummary: Encodable {
        let level: TriageLevel
        let alert: Bool
    }

    /// What a refused answer means, in the patient's words, by the field it names.
    static func problem(_ field: String?, words: Words) -> String {
        switch field {
        case "painAtRest": words["checkin_error_pain_rest"]
        case "painMorning": words["checkin_error_pain_morning"]
        case "temperatureCelsius": words["checkin_error_temperature"]
        case "swelling": words["checkin_error_swelling"]
        case let name?: words("checkin_error_answer", ["question": words["checkin_q_\(name)"]])
        case nil: words["error_message_4xx"]
        }
    }

    private func page(_ identity: Identity, form: Form?, error: String?) -> CheckInPage {
        let swelling = form?["swelling"]
        let words = context.words(identity)
        return CheckInPage(
            chrome: context.chrome(words["checkin_title"], identity),
            submission: form?["submission"] ?? UUID().uuidString,
            painAtRest: context.painButtons(
                selected: form?["painAtRest"].flatMap(Int.init), field: "painAtRest", words: words),
            painMorning: context.painButtons(
                selected: form?["painMorning"].flatMap(Int.init), field: "painMorning", words: words),
            swelling: Swelling.allCases.map {
                PainScale.Choice(
                    field: "swelling", value: $0.rawValue, label: words["swelling_\($0.rawValue)"],
                    checked: swelling == $0.rawValue)
            },
            temperature: form?["temperatureCelsius"] ?? "",
            questions: Self.questions.map {
                Question(
                    name: $0.0, text: words["checkin_q_\($0.0)"], yes: form?[$0.0] == "yes", no: form?[$0.0] == "no")
            },
            error: error)
    }

    /// The headline of a triage level in the reader's language (in English, the core's own words).
    static func headline(_ level: TriageLevel, emergencyNumber number: String, words: Words) -> String {
        words.language == .english
            ? level.headline(emergencyNumber: number)
            : words("triage_level_\(level.rawValue)", ["number": number])
    }

    private func triagePage(_ identity: Identity, _ result: TriageResult, alertRaised: Bool) -> TriagePage {
        let number = context.services.catalog.triage.emergencyNumber
        let words = context.words(identity)
        return TriagePage(
            chrome: context.chrome(
                words[result.level == .emergency ? "triage_title_emergency" : "triage_title"], identity),
            emergency: result.level == .emergency, urgent: result.level == .urgent,
            contact: result.level == .contactClinician,
            calm: result.level == .modify || result.level == .continue,
            headline: Self.headline(result.level, emergencyNumber: number, words: words),
            reasons: result.reasons.map(\.message),
            alertRaised: alertRaised, emergencyNumber: number, call: words("triage_call", ["number": number]))
    }

    /// The check-in from the form; every red-flag question must be answered, temperature is optional.
    static func checkIn(_ form: Form, today: CalendarDate) throws -> CheckIn {
        func pain(_ name: String, _ words: String) throws -> Int {
            try form.integer(name, in: 0...10, problem: "— choose how much your knee hurts \(words), from 0 to 10.")
        }
        var answers: [String: Bool] = [:]
        for (name, text) in questions {
            switch form[name] {
            case "yes": answers[name] = true
            case "no": answers[name] = false
            default: throw WebError.invalid(name, "— please answer: \(text)")
            }
        }
        var temperature: Double?
        if let text = form["temperatureCelsius"], !text.isEmpty {
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), (30...45).contains(value) else {
                throw WebError.invalid(
                    "temperatureCelsius", "— enter your temperature in °C, like 37.2, or leave it empty.")
            }
            temperature = value
        }
        guard let swelling = form["swelling"].flatMap(Swelling.init(rawValue:)) else {
            throw WebError.invalid("swelling", "— choose how swollen your knee is.")
        }
        return CheckIn(
            date: today, painAtRest: try pain("painAtRest", "at rest"),
            painMorning: try pain("painMorning", "this morning"),
            swelling: swelling, temperatureCelsius: temperature, woundRedness: answers["woundRedness"],
            woundDrainage: answers["woundDrainage"], calfPainOrSwelling: answers["calfPainOrSwelling"],
            chestPainOrBreathless: answers["chestPainOrBreathless"], giveWay: answers["giveWay"],
            kneeLocked: answers["kneeLocked"], footNumbOrCold: answers["footNumbOrCold"])
    }
}
