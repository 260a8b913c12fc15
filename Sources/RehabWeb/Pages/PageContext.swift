import Foundation
import Hummingbird
import RehabAuth
import RehabCore
import RehabForms

/// What every page controller shares: the services, the configuration, the renderer and sign-in.
struct PageContext: Sendable {
    let services: RehabServices
    let configuration: WebConfiguration
    let pages: PageRenderer
    let signIn: SignIn
    let list: ClinicianList
    /// Video analysis, when configured.
    let videos: VideoAnalysis?
    /// Printing reports to PDF, when Chromium is installed.
    var reports = ReportPDF.find()

    /// The frame of a page for the signed-in identity, in their language (clinicians' pages stay English).
    func chrome(_ title: String, _ identity: Identity?, flash: String? = nil) -> Chrome {
        chrome(title, identity, language: identity?.language ?? .english, flash: flash)
    }

    /// The frame of a page in `language` (pages anyone may see follow the browser's language).
    func chrome(_ title: String, _ identity: Identity?, language: Language, flash: String? = nil) -> Chrome {
        Chrome(
            title: title, identity: identity, emergencyNumber: services.catalog.triage.emergencyNumber,
            words: pages.strings.words(language), flash: flash)
    }

    /// The words of the identity's language.
    func words(_ identity: Identity?) -> Words { pages.strings.words(identity?.language ?? .english) }

    /// The words of a request: the signed-in patient's language, else the browser's, else English.
    func words(_ requestContext: AppRequestContext) -> Words { pages.strings.words(requestContext.language) }

    /// The catalog in the identity's language.
    func catalog(_ identity: Identity?) -> Catalog {
        services.catalog.translated(to: identity?.language ?? .english)
    }

    /// The eleven pain buttons for a form field, in the catalog's pain zones.
    func painButtons(selected: Int?, field: String = "pain", words: Words? = nil) -> [PainScale.Button] {
        PainScale.buttons(
            selected: selected, field: field, settings: services.catalog.progression,
            words: words ?? pages.strings.words(.english))
    }

    /// The audit actor of a request.
    func actor(_ identity: Identity, _ context: AppRequestContext) -> AuditActor {
        identity.actor(at: configuration.now(), origin: context.clientAddress)
    }

    /// The signed-in patient for a page; anonymous visitors go to the sign-in page.
    func patient(_ context: AppRequestContext) throws -> (Identity, Patient) {
        guard context.identity != nil else { throw PageRedirect(to: "/login") }
        return try context.requirePatient()
    }

    /// The signed-in clinician for a page.
    func clinician(_ context: AppRequestContext) throws -> Identity {
        guard context.identity != nil else { throw PageRedirect(to: "/login") }
        return try context.requireClinician()
    }

    /// The signed-in admin for a page.
    func admin(_ context: AppRequestContext) throws -> Identity {
        guard context.identity != nil else { throw PageRedirect(to: "/login") }
        return try context.requireAdmin()
    }

    /// A posted form, after checking its CSRF token against the signed-in session.
    func form(_ request: Request, _ context: AppRequestContext, identity: Identity) async throws -> Form {
        let form = try await Form.read(request, context: context)
        guard let token = form["csrf"], TokenHash.constantTimeEqual(token, identity.session.formToken) else {
            throw WebError.badCSRF
        }
        return form
    }
}

/// A redirect thrown by a page handler (e.g. to the sign-in page); `PageRedirectMiddleware` answers it.
struct PageRedirect: Error {
    let to: String
}

/// Answers `PageRedirect` with 303 See Other.
struct PageRedirectMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as PageRedirect {
            return Response.seeOther(redirect.to)
        }
    }
}

extension Response {
    /// 303 to `location`.
    static func seeOther(_ location: String, cookie: String? = nil) -> Response {
        var headers: HTTPFields = [.location: location]
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }
}

/// A URL-encoded form: field name → value (the last value wins; `all` keeps every value of a name).
struct Form: Sendable {
    /// Every field in order, as posted.
    let pairs: [(String, String)]

    init(pairs: [(String, String)]) { self.pairs = pairs }

    /// Reads and parses a posted form body.
    static func read(_ request: Request, context: AppRequestContext) async throws -> Form {
        let data = try await RequestBody.data(request, context: context, json: false)
        return Form(pairs: URLEncodedForm.pairs(String(decoding: data, as: UTF8.self)).map { ($0.name, $0.value) })
    }

    /// Every value of a field, in order, trimmed (a group of checkboxes).
    func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The value of a field, trimmed; nil when absent.
    subscript(_ name: String) -> String? {
        pairs.last { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// A whole number field within `range`, or an error naming it.
    func integer(_ name: String, in range: ClosedRange<Int>, problem: String) throws -> Int {
        guard let text = self[name], let value = Int(text), range.contains(value) else {
            throw WebError.invalid(name, problem)
        }
        return value
    }
}
