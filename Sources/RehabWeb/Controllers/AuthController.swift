import Foundation
import Hummingbird
import RehabCore

/// `POST /api/v1/auth/login`, `/claim` and `/logout`: bearer tokens for API clients.
struct AuthController {
    let signIn: SignIn

    struct LoginBody: Decodable {
        let email: String
        let password: String
    }

    struct ClaimBody: Decodable {
        let inviteCode: String
        let password: String
    }

    struct TokenDocument: Encodable {
        let token: String
        let role: String
        let expiresAt: Date
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("auth/login") { request, context in
            let body = try RequestBody.json(LoginBody.self, from: try await RequestBody.data(request, context: context))
            let started = try await signIn.signIn(
                email: body.email, password: body.password, from: context.clientAddress)
            return Self.document(started)
        }
        group.post("auth/claim") { request, context in
            let body = try RequestBody.json(ClaimBody.self, from: try await RequestBody.data(request, context: context))
            let started = try await signIn.claim(
                code: body.inviteCode, password: body.password, from: context.clientAddress)
            return Self.document(started)
        }
        group.post("auth/logout") { _, context in
            try await signIn.signOut(try context.requireIdentity())
            return Response(status: .noContent)
        }
    }

    static func document(_ started: SignIn.Started) -> Response {
        JSONResponse.make(
            TokenDocument(
                token: started.token, role: started.account.role.rawValue, expiresAt: started.session.expiresAt))
    }
}
