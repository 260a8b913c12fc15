import Foundation
import Hummingbird
import RehabCore

/// One message as a page shows it.
struct MessageRow {
    let who: String
    let when: String
    let text: String
    let fromProgram: Bool
    let mine: Bool

    /// The row for `message` as `reader` sees it (the patient or the clinician), dated in the clinic's time zone.
    init(_ message: Message, reader: MessageAuthor, configuration: WebConfiguration) {
        switch message.author {
        case .patient: who = reader == .patient ? "You" : "Patient"
        case .clinician: who = reader == .clinician ? "You" : "Your care team"
        case .program: who = "KneeRehab (automatic note to the care team)"
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = configuration.timeZone
        formatter.dateFormat = "d MMM yyyy, HH:mm"
        when = formatter.string(from: message.sentAt)
        text = message.text
        fromProgram = message.author == .program
        mine = message.author == reader
    }
}

/// The thread on the clinician's patient page.
struct MessageSection {
    let patientID: String
    let rows: [MessageRow]
    let hasMessages: Bool
    let maximumLength: Int
    let error: String?

    init(patient: PatientID, messages: [Message], configuration: WebConfiguration, error: String?) {
        patientID = patient.description
        rows = messages.map { MessageRow($0, reader: .clinician, configuration: configuration) }
        hasMessages = !messages.isEmpty
        maximumLength = MessageText.maximumLength
        self.error = error
    }
}

/// The patient's thread with their care team (`/messages`): the messages, a box to write, and a plain warning that
/// messages are not for emergencies, with the number to call beside the box.
struct MessagePages {
    let context: PageContext

    struct Page {
        let chrome: Chrome
        let rows: [MessageRow]
        let hasMessages: Bool
        let maximumLength: Int
        let draft: String
        let sent: Bool
        let error: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("messages") { request, requestContext in
            try await page(requestContext, sent: request.uri.queryParameters.get("sent") != nil)
        }
        router.post("messages") { request, requestContext in
            let (identity, patient) = try context.patient(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            do {
                _ = try await context.services.postMessage(
                    form["text"] ?? "", to: patient.id, as: .patient, idempotency: nil,
                    by: context.actor(identity, requestContext),
                    respond: { _ in StoredResponse(status: 201, body: Data()) })
            } catch let error as InvalidInput {
                return try await page(
                    requestContext, sent: false, draft: form["text"] ?? "", error: WebError.from(error).message,
                    status: .unprocessableContent)
            }
            return Response.seeOther("/messages?sent=1#write")
        }
        router.post("clinic/patients/:id/messages") { request, requestContext in
            let identity = try context.clinician(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            guard let id = requestContext.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
                throw WebError.notFound
            }
            do {
                _ = try await context.services.postMessage(
                    form["text"] ?? "", to: id, as: .clinician, idempotency: nil,
                    by: context.actor(identity, requestContext),
                    respond: { _ in StoredResponse(status: 201, body: Data()) })
            } catch let error as InvalidInput {
                throw WebError.from(error)
            }
            return Response.seeOther("/clinic/patients/\(id)#messages")
        }
    }

    private func page(
        _ requestContext: AppRequestContext, sent: Bool, draft: String = "", error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (identity, patient) = try context.patient(requestContext)
        let messages = try await context.services.store.messages(
            of: patient.id, by: context.actor(identity, requestContext))
        var chrome = context.chrome("Messages", identity)
        chrome.unreadLabel = nil
        let model = Page(
            chrome: chrome,
            rows: messages.map { MessageRow($0, reader: .patient, configuration: context.configuration) },
            hasMessages: !messages.isEmpty, maximumLength: MessageText.maximumLength, draft: draft, sent: sent,
            error: error)
        return context.pages.page("messages", model, status: status)
    }
}
