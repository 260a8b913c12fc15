import Foundation
import Hummingbird
import RehabAuth
import RehabCore

/// Signing in and out, and claiming an invite, as pages. Forms before sign-in carry a double-submit CSRF token:
/// a random value in a SameSite=Strict cookie that the form must echo.
struct AccountPages {
    let context: PageContext

    struct LoginPage {
        let chrome: Chrome
        let formToken: String
        let email: String
        let error: String?
        let notice: String?
    }

    struct ClaimPage {
        let chrome: Chrome
        let formToken: String
        let code: String
        let error: String?
        let minimum: Int
    }

    static let formCookie = "kr_form"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("") { _, requestContext in
            switch requestContext.identity?.account.role {
            case .patient: Response.seeOther("/today")
            case .clinician: Response.seeOther("/clinic")
            case .admin: Response.seeOther("/admin")
            case nil: Response.seeOther("/login")
            }
        }
        router.get("login") { request, requestContext in
            let everywhere = request.uri.queryParameters.get("signedOut") == "everywhere"
            return login(
                requestContext, email: "", error: nil,
                notice: everywhere ? "You are signed out on every phone and computer." : nil)
        }
        router.post("login") { request, requestContext in
            let form = try await anonymousForm(request, requestContext)
            let email = form["email"] ?? ""
            do {
                let started = try await context.signIn.signIn(
                    email: email, password: form["password"] ?? "", from: requestContext.clientAddress)
                let home =
                    switch started.account.role {
                    case .patient: "/today"
                    case .clinician: "/clinic"
                    case .admin: "/admin"
                    }
                return Response.seeOther(home, cookie: sessionCookie(started))
            } catch let error as WebError {
                return login(requestContext, email: email, error: error.message, status: error.status)
            }
        }
        router.get("claim") { request, requestContext in
            claim(requestContext, code: request.uri.queryParameters.get("code") ?? "", error: nil)
        }
        router.post("claim") { request, requestContext in
            let form = try await anonymousForm(request, requestContext)
            let code = form["inviteCode"] ?? ""
            guard form["password"] == form["passwordAgain"] else {
                return claim(
                    requestContext, code: code, error: "The two passwords are not the same.",
                    status: .unprocessableContent)
            }
            do {
                let started = try await context.signIn.claim(
                    code: code, password: form["password"] ?? "", from: requestContext.clientAddress)
                return Response.seeOther("/today", cookie: sessionCookie(started))
            } catch let error as WebError {
                return claim(requestContext, code: code, error: error.message, status: error.status)
            }
        }
        router.post("logout") { request, requestContext in
            guard let identity = requestContext.identity else { return Response.seeOther("/login") }
            _ = try await context.form(request, requestContext, identity: identity)
            try await context.signIn.signOut(identity)
            return Response.seeOther("/login", cookie: SessionCookie.clear(secure: context.configuration.secureCookies))
        }
    }

    private func sessionCookie(_ started: SignIn.Started) -> String {
        SessionCookie.set(
            started.token, maxAge: Int(context.configuration.sessionLifetime),
            secure: context.configuration.secureCookies)
    }

    private func login(
        _ requestContext: AppRequestContext, email: String, error: String?, notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = TokenHash.random(bytes: 18)
        let model = LoginPage(
            chrome: context.chrome("Sign in", nil), formToken: token, email: email, error: error, notice: notice)
        return withFormCookie(context.pages.page("login", model, status: status), token)
    }

    private func claim(
        _ requestContext: AppRequestContext, code: String, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = TokenHash.random(bytes: 18)
        let model = ClaimPage(
            chrome: context.chrome("Start your program", nil), formToken: token, code: code, error: error,
            minimum: PasswordHasher.minimumLength)
        return withFormCookie(context.pages.page("claim", model, status: status), token)
    }

    private func withFormCookie(_ response: Response, _ token: String) -> Response {
        var response = response
        response.headers[.setCookie] =
            "\(Self.formCookie)=\(token); Path=/; HttpOnly; SameSite=Strict"
            + (context.configuration.secureCookies ? "; Secure" : "")
        return response
    }

    /// A form posted before sign-in, after checking its double-submit token.
    private func anonymousForm(_ request: Request, _ requestContext: AppRequestContext) async throws -> Form {
        let form = try await Form.read(request, context: requestContext)
        guard let cookie = request.cookies[Self.formCookie]?.value, let token = form["formToken"],
            !cookie.isEmpty, TokenHash.constantTimeEqual(cookie, token)
        else { throw WebError.badCSRF }
        return form
    }
}
