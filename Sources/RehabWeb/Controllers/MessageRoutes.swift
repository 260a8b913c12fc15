import Foundation
import Hummingbird
import RehabCore

/// The thread between a patient and their clinician, from both sides (`/api/v1/me/messages`,
/// `/api/v1/patients/{id}/messages`), and the patient's choice of reminders by mail (`/api/v1/me/reminders`).
/// Message text never reaches a log; every read and write is audited by the store.
struct MessageRoutes {
    let services: RehabServices
    let configuration: WebConfiguration
    /// The worklist cache, emptied when a clinician's reading changes the unread counts on it.
    let list: ClinicianList

    /// One message as the API shows it.
    struct MessageDocument: Encodable {
        let id: MessageID
        let author: MessageAuthor
        let text: String
        let sentAt: Date
        let readAt: Date?

        init(_ message: Message) {
            id = message.id
            author = message.author
            text = message.text
            sentAt = message.sentAt
            readAt = message.readAt
        }
    }

    /// A thread as the API shows it.
    struct ThreadDocument: Encodable {
        let messages: [MessageDocument]
        let maximumLength: Int
    }

    struct TextBody: Decodable {
        let text: String
    }

    struct RemindersBody: Codable {
        let byMail: Bool
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("me/messages") { _, context in
            let (identity, patient) = try context.requirePatient()
            return try await thread(
                of: patient.id, by: identity.actor(at: configuration.now(), origin: context.clientAddress))
        }
        group.post("me/messages") { request, context in
            let (identity, patient) = try context.requirePatient()
            return try await post(request, context, identity: identity, patient: patient.id, as: .patient)
        }
        group.get("patients/:id/messages") { _, context in
            let (identity, patient) = try context.clinicianAndPathPatient()
            let response = try await thread(
                of: patient, by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            list.cache.invalidate()
            return response
        }
        group.post("patients/:id/messages") { request, context in
            let (identity, patient) = try context.clinicianAndPathPatient()
            return try await post(request, context, identity: identity, patient: patient, as: .clinician)
        }
        group.get("me/reminders") { _, context in
            let (identity, patient) = try context.requirePatient()
            let on = try await services.store.mailReminders(
                of: patient.id, by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            return JSONResponse.make(RemindersBody(byMail: on))
        }
        group.post("me/reminders") { request, context in
            let (identity, patient) = try context.requirePatient()
            let body = try RequestBody.json(
                RemindersBody.self, from: try await RequestBody.data(request, context: context))
            try await services.setMailReminders(
                body.byMail, for: patient.id, timeZone: configuration.timeZone.identifier,
                by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            return JSONResponse.make(body)
        }
    }

    private func thread(of patient: PatientID, by actor: AuditActor) async throws -> Response {
        let messages = try await services.store.messages(of: patient, by: actor)
        return JSONResponse.make(
            ThreadDocument(messages: messages.map(MessageDocument.init), maximumLength: MessageText.maximumLength))
    }

    private func post(
        _ request: Request, _ context: AppRequestContext, identity: Identity, patient: PatientID,
        as author: MessageAuthor
    ) async throws -> Response {
        let data = try await RequestBody.data(request, context: context)
        let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
        let body = try RequestBody.json(TextBody.self, from: data)
        let respond: @Sendable (Message) throws -> StoredResponse = { try WriteResponse.stored(MessageDocument($0)) }
        let outcome = try await services.postMessage(
            body.text, to: patient, as: author, idempotency: key,
            by: identity.actor(at: configuration.now(), origin: context.clientAddress), respond: respond)
        return try WriteResponse.make(outcome, fallback: respond)
    }
}
