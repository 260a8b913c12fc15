import Foundation
import Hummingbird
import RehabCore

/// Account care over the API: `POST /api/v1/me/password` and `/me/sign-out-everywhere` for anyone signed in, and
/// `POST /api/v1/patients/{id}/invite` for the patient's own clinician (404 for anyone else's patient).
struct AccountCareController {
    let signIn: SignIn

    struct PasswordBody: Decodable {
        let currentPassword: String
        let newPassword: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("me/password") { request, context in
            let identity = try context.requireIdentity()
            let data = try await RequestBody.data(request, context: context)
            let body = try RequestBody.json(PasswordBody.self, from: data)
            _ = try await signIn.changePassword(
                current: body.currentPassword, new: body.newPassword, for: identity, from: context.clientAddress)
            return Response(status: .noContent)
        }
        group.post("me/sign-out-everywhere") { _, context in
            _ = try await signIn.signOutEverywhere(try context.requireIdentity(), from: context.clientAddress)
            return Response(status: .noContent)
        }
        group.post("patients/:id/invite") { request, context in
            let identity = try context.requireClinician()
            guard let id = context.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
                throw WebError.notFound
            }
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let (outcome, code) = try await signIn.reissueInvite(
                for: id, idempotency: key,
                by: identity.actor(at: signIn.configuration.now(), origin: context.clientAddress))
            return try WriteResponse.make(outcome, fallback: { _ in try WriteResponse.stored(code) })
        }
    }
}
