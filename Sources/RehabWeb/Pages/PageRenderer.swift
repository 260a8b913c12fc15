import Foundation
import Hummingbird
import Mustache
import RehabCore

/// Renders pages from the Mustache templates in `Resources/templates`, loaded once at start-up: a template
/// that is missing or does not parse stops the server from starting instead of failing a request later.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let emergencyNumber: String
    /// The pages' words in every language.
    let strings: PageStrings

    /// Every template the app uses; start-up checks they all exist.
    static let required = [
        "layout", "login", "claim", "error", "today", "exercise", "finish", "done", "checkin", "triage",
        "questionnaires", "question", "scored", "progress", "clinic", "patient", "new-patient", "invite", "handout",
        "program-forms", "recording", "measurements", "episode", "summary", "admin", "timelog", "rtm", "settings",
        "messages", "messages-clinic", "reminders-stop", "audit",
        "account", "account-care", "reinvite",
    ]

    /// Loads the bundled templates.
    public static func load(emergencyNumber: String) async throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates").path else {
            throw WebStartupError(problem: "the templates folder is missing")
        }
        let library = try await MustacheLibrary(directory: directory)
        for name in required where library.getTemplate(named: name) == nil {
            throw WebStartupError(problem: "the template \(name).mustache is missing")
        }
        _ = try PageStrings.load()
        return PageRenderer(library: library, emergencyNumber: emergencyNumber, strings: PageStrings.bundled)
    }

    /// `template` rendered with `model`.
    func html(_ template: String, _ model: Any) -> String {
        library.render(model, withTemplate: template) ?? "<!doctype html><title>Error</title>"
    }

    /// An HTML response of `template` rendered with `model`.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = self.html(template, model)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The friendly page for an error, in the reader's language; what an error says in another language comes
    /// from the page words (`PageStrings.message(of:_:)`), since the error's own message is English.
    func errorPage(_ error: WebError, identity: Identity?, language: Language = .english) -> Response {
        let words = strings.words(language)
        let model = ErrorPage(
            chrome: Chrome(
                title: words("error_title_\(PageStrings.kind(of: error))"), identity: identity,
                emergencyNumber: emergencyNumber, words: words),
            message: strings.message(of: error, language), signIn: error.status == .unauthorized)
        return page("error", model, status: error.status)
    }
}

/// Why the server could not start.
public struct WebStartupError: Error, CustomStringConvertible {
    /// What is missing.
    public let problem: String
    /// The problem.
    public var description: String { problem }
}

/// What every page's frame shows: the title, who is signed in, the navigation for their role, the CSRF token
/// that every form of the page carries, and the emergency number.
struct Chrome {
    let title: String
    let signedIn: Bool
    let name: String
    let isPatient: Bool
    let isClinician: Bool
    let csrf: String
    let emergencyNumber: String
    let flash: String?
    /// The page's language code, for `<html lang>`.
    let lang: String
    /// The page's words: templates read `{{chrome.t.key}}`.
    let t: [String: String]
    /// The footer line, with the emergency number.
    let footer: String
    /// "2 new", beside Messages in a patient's menu, when their care team wrote something unread.
    var unreadLabel: String?
    /// How long the sign-in lasts without use, for the warning before it ends (0 when signed out); a minute short,
    /// since its last use is written down at most once a minute.
    let idleSeconds: Int

    init(title: String, identity: Identity?, emergencyNumber: String, words: Words, flash: String? = nil) {
        self.title = title
        signedIn = identity != nil
        name = identity?.account.name ?? ""
        isPatient = identity?.account.role == .patient
        isClinician = identity?.account.role == .clinician
        csrf = identity?.session.formToken ?? ""
        idleSeconds = identity.map { max(0, $0.session.idleSeconds - 60) } ?? 0
        self.emergencyNumber = emergencyNumber
        self.flash = flash
        lang = words.language.rawValue
        t = words.strings.table(words.language)
        footer = words("layout_footer", ["number": emergencyNumber])
        unreadLabel = identity?.unreadMessages.flatMap { $0 > 0 ? words("layout_unread", ["count": String($0)]) : nil }
    }
}

struct ErrorPage {
    let chrome: Chrome
    let message: String
    let signIn: Bool
}
