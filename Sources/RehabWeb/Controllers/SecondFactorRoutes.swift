import Foundation
import Hummingbird
import RehabCore

/// A clinician's or admin's second factor over the API: `GET /api/v1/me/second-factor` (enrolled? codes left?),
/// `POST /api/v1/me/second-factor` (a fresh secret on offer), `POST /api/v1/me/second-factor/confirm` (enrol it with
/// a code; answers the recovery codes once), the admin's `GET`/`PUT /api/v1/admin/second-factor` (whether staff
/// must have one), and `GET /api/v1/admin/second-factors` with `DELETE …/{id}` (who has one; removing one for a lost
/// phone). Making the factor optional and removing one take the admin's proof in the body (`SignIn.Proof`).
struct SecondFactorRoutes {
    let signIn: SignIn

    struct Status: Encodable {
        let enrolled: Bool
        let unusedRecoveryCodes: Int
        let required: Bool
    }

    struct ConfirmBody: Decodable {
        let secret: String
        let code: String
    }

    struct Enrolled: Encodable {
        let recoveryCodes: [String]
    }

    struct Setting: Codable {
        let required: Bool
    }

    /// An account with a second factor, as the admin's list shows it.
    struct Holder: Encodable {
        let accountId: AccountID
        let name: String
        let email: String
        let role: AccountRole

        init(_ account: Account) {
            accountId = account.id
            name = account.name
            email = account.email
            role = account.role
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        let store = signIn.store
        group.get("me/second-factor") { _, context in
            let identity = try Self.staff(context)
            let enrolled = try await store.secondFactor(of: identity.account.id) != nil
            return JSONResponse.make(
                Status(
                    enrolled: enrolled,
                    unusedRecoveryCodes: enrolled ? try await store.unusedRecoveryCodes(of: identity.account.id) : 0,
                    required: try await store.secondFactorRequired()))
        }
        group.post("me/second-factor") { _, context in
            JSONResponse.make(signIn.secondFactors.offer(for: try Self.staff(context).account))
        }
        group.post("me/second-factor/confirm") { request, context in
            let identity = try Self.staff(context)
            let body = try RequestBody.json(
                ConfirmBody.self, from: try await RequestBody.data(request, context: context))
            let codes = try await signIn.enrolSecondFactor(
                secret: body.secret, code: body.code, for: identity, from: context.clientAddress)
            return JSONResponse.make(Enrolled(recoveryCodes: codes), status: .created)
        }
        group.get("admin/second-factor") { _, context in
            _ = try context.requireAdmin()
            return JSONResponse.make(Setting(required: try await store.secondFactorRequired()))
        }
        group.put("admin/second-factor") { request, context in
            let identity = try context.requireAdmin()
            // One body: the setting, with the admin's proof beside it when it makes the factor optional.
            let data = try await RequestBody.data(request, context: context)
            let body = try RequestBody.json(Setting.self, from: data)
            try await signIn.setSecondFactorRequired(
                body.required, by: identity, proof: try RequestBody.json(SignIn.Proof.self, from: data),
                from: context.clientAddress)
            return JSONResponse.make(Setting(required: body.required))
        }
        group.get("admin/second-factors") { _, context in
            let identity = try context.requireAdmin()
            let actor = identity.actor(at: signIn.configuration.now(), origin: context.clientAddress)
            return JSONResponse.make(try await store.secondFactorHolders(by: actor).map(Holder.init))
        }
        group.delete("admin/second-factors/:id") { request, context in
            let identity = try context.requireAdmin()
            guard let id = context.parameters.get("id").flatMap(AccountID.init(uuidString:)) else {
                throw WebError.notFound
            }
            let data = try await RequestBody.data(request, context: context, limit: 4096)
            let proof = data.isEmpty ? SignIn.Proof() : try RequestBody.json(SignIn.Proof.self, from: data)
            try await signIn.removeSecondFactor(of: id, by: identity, proof: proof, from: context.clientAddress)
            return Response(status: .noContent)
        }
    }

    /// A signed-in clinician or admin; patients have no second factor (403).
    static func staff(_ context: AppRequestContext) throws -> Identity {
        let identity = try context.requireIdentity()
        guard identity.account.role != .patient else { throw WebError.forbidden }
        return identity
    }
}
