import Foundation
import Hummingbird
import RehabCore

/// `POST /api/v1/auth/login`, `/claim` and `/logout`: bearer tokens for API clients; `GET /api/v1/me/session`:
/// when the sign-in in use ends (a use that also keeps it alive).
struct AuthController {
    let signIn: SignIn

    struct LoginBody: Decodable {
        let email: String
        let password: String
        /// The authenticator app's code or a recovery code, for an account with a second factor.
        let code: String?
    }

    struct ClaimBody: Decodable {
        let inviteCode: String
        let password: String
    }

    struct TokenDocument: Encodable {
        let token: String
        let role: String
        let expiresAt: Date
        let idleSeconds: Int
        let secondFactorEnrolmentRequired: Bool
    }

    struct SessionDocument: Encodable {
        let role: String
        let expiresAt: Date
        let idleEndsAt: Date
        let idleSeconds: Int
        /// Seconds from now to the idle end, so a client need not trust its own clock.
        let idleSecondsLeft: Int
        let secondFactorEnrolmentRequired: Bool
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("auth/login") { request, context in
            let body = try RequestBody.json(LoginBody.self, from: try await RequestBody.data(request, context: context))
            let started = try await signIn.signIn(
                email: body.email, password: body.password, code: body.code, from: context.clientAddress)
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
        group.get("me/session") { _, context in
            let identity = try context.requireIdentity()
            let session = identity.session
            return JSONResponse.make(
                SessionDocument(
                    role: identity.account.role.rawValue, expiresAt: session.expiresAt, idleEndsAt: session.idleEndsAt,
                    idleSeconds: session.idleSeconds,
                    idleSecondsLeft: max(0, Int(session.idleEndsAt.timeIntervalSince(signIn.configuration.now()))),
                    secondFactorEnrolmentRequired: session.enrolmentOnly))
        }
    }

    static func document(_ started: SignIn.Started) -> Response {
        JSONResponse.make(
            TokenDocument(
                token: started.token, role: started.account.role.rawValue, expiresAt: started.session.expiresAt,
                idleSeconds: started.session.idleSeconds,
                secondFactorEnrolmentRequired: started.session.enrolmentOnly))
    }
}
