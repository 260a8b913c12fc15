import Foundation
import Hummingbird
import RehabCore

/// The patient's settings: the times they plan to exercise (for their calendar), their time zone, a private
/// calendar link to subscribe to (a new one stops the old one working), and their password and sign-ins.
struct SettingsPages {
    let context: PageContext

    struct Page {
        let chrome: Chrome
        let times: [Time]
        let zones: [Zone]
        let hasLink: Bool
        let link: String?
        let saved: Bool
        let error: String?
        let languages: [LanguageChoice]
        let remindersByMail: Bool
        let mailConfigured: Bool
        let care: AccountCareSection
    }

    /// One choice of language: a language in its own name (marked with its `lang`), or "follow the browser".
    struct LanguageChoice {
        let value: String
        let label: String
        let lang: String?
        let checked: Bool
    }

    struct Time {
        let field: String
        let label: String
        let value: String
    }

    struct Zone {
        let value: String
        let selected: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("settings") { request, requestContext in
            let changed = request.uri.queryParameters.get("password") == "changed"
            return try await page(
                request, requestContext, saved: request.uri.queryParameters.get("saved") != nil,
                care: AccountCareSection(path: "/settings", changed: changed))
        }
        router.post("settings") { request, requestContext in
            let (identity, patient) = try context.patient(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            switch try await AccountCareSection.handle(form, identity, requestContext, signIn: context.signIn) {
            case .changed: return Response.seeOther("/settings?password=changed#password")
            case .signedOut:
                return AccountCareSection.signedOutResponse(secureCookies: context.configuration.secureCookies)
            case .refused(let error):
                let care = AccountCareSection(path: "/settings", error: AccountCareSection.message(error))
                return try await page(request, requestContext, saved: false, care: care, status: error.status)
            case nil: break
            }
            let feeds = CalendarFeeds(services: context.services, configuration: context.configuration)
            let actor = context.actor(identity, requestContext)
            do {
                if form["action"] == "language" {
                    let chosen = try Self.language(form["language"])
                    _ = try await context.services.store.setLanguage(chosen, for: patient.id, by: actor)
                    context.signIn.refreshed(identity)
                    return Response.seeOther("/settings?saved=1")
                }
                if form["action"] == "reminders" {
                    try await context.services.setMailReminders(
                        form["byMail"] == "yes", for: patient.id,
                        timeZone: context.configuration.timeZone.identifier, by: actor)
                    return Response.seeOther("/settings?saved=1#reminders")
                }
                if form["action"] == "link" {
                    let path = try await feeds.newLink(for: patient, by: actor)
                    return try await page(
                        request, requestContext, saved: false, link: CalendarFeedRoutes.absolute(path, request))
                }
                var slots: [DailySlot] = []
                for (index, field) in Self.fields.enumerated() {
                    guard let text = form[field], !text.isEmpty else { continue }
                    slots.append(try DailySlot.parse(text, field: "time \(index + 1)"))
                }
                try await feeds.save(
                    CalendarSettings(slots: slots, timeZone: form["timeZone"] ?? ""), for: patient, by: actor)
            } catch let error as InvalidInput {
                return try await page(
                    request, requestContext, saved: false, error: WebError.from(error).message,
                    status: .unprocessableContent)
            }
            return Response.seeOther("/settings?saved=1")
        }
    }

    static let fields = ["time1", "time2", "time3"]

    /// The language of the form: `en`, `es`, or `browser` (empty) to follow the browser; anything else is refused
    /// naming the field.
    static func language(_ value: String?) throws(InvalidInput) -> Language? {
        guard let value, !value.isEmpty, value != "browser" else { return nil }
        guard let language = Language(rawValue: value) else {
            throw InvalidInput(field: "language", problem: "must be one of en, es")
        }
        return language
    }

    private func page(
        _ request: Request, _ requestContext: AppRequestContext, saved: Bool, link: String? = nil,
        error: String? = nil, care: AccountCareSection = AccountCareSection(path: "/settings"),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (identity, patient) = try context.patient(requestContext)
        let feeds = CalendarFeeds(services: context.services, configuration: context.configuration)
        let (settings, hasLink) = try await feeds.settings(of: patient, by: context.actor(identity, requestContext))
        let words = context.words(identity)
        let times = Self.fields.enumerated().map { index, field in
            Time(
                field: field, label: words["settings_time\(index + 1)"],
                value: index < settings.slots.count ? settings.slots[index].description : "")
        }
        let zones = TimeZone.knownTimeZoneIdentifiers.sorted().map {
            Zone(value: $0, selected: $0 == settings.timeZone)
        }
        let reminders = try await context.services.store.mailReminders(
            of: patient.id, by: context.actor(identity, requestContext))
        let languages =
            [
                LanguageChoice(
                    value: "browser", label: words["settings_language_browser"], lang: nil,
                    checked: patient.language == nil)
            ]
            + Language.allCases.map {
                LanguageChoice(
                    value: $0.rawValue, label: $0.ownName, lang: $0.rawValue, checked: patient.language == $0)
            }
        let model = Page(
            chrome: context.chrome(words["settings_title"], identity), times: times, zones: zones,
            hasLink: hasLink || link != nil, link: link, saved: saved, error: error, languages: languages,
            remindersByMail: reminders, mailConfigured: context.configuration.mailConfigured, care: care)
        return context.pages.page("settings", model, status: status)
    }
}
