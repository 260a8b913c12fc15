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
        /// "(at least 12 characters)".
        let hint: String
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
                notice: everywhere ? context.words(requestContext)["login_signed_out_everywhere"] : nil)
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
                return login(
                    requestContext, email: email,
                    error: context.pages.strings.message(of: error, requestContext.language),
                    status: error.status)
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
                    requestContext, code: code, error: context.words(requestContext)["claim_mismatch"],
                    status: .unprocessableContent)
            }
            do {
                let started = try await context.signIn.claim(
                    code: code, password: form["password"] ?? "", from: requestContext.clientAddress)
                return Response.seeOther("/today", cookie: sessionCookie(started))
            } catch let error as WebError {
                let words = context.words(requestContext)
                let message = context.pages.strings.message(
                    of: error, words.language, ["minimum": "\(PasswordHasher.minimumLength)"])
                return claim(requestContext, code: code, error: message, status: error.status)
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
        let words = context.words(requestContext)
        let model = LoginPage(
            chrome: context.chrome(words["login_title"], nil, language: words.language), formToken: token,
            email: email, error: error, notice: notice)
        return withFormCookie(context.pages.page("login", model, status: status), token)
    }

    private func claim(
        _ requestContext: AppRequestContext, code: String, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = TokenHash.random(bytes: 18)
        let words = context.words(requestContext)
        let model = ClaimPage(
            chrome: context.chrome(words["claim_title"], nil, language: words.language), formToken: token, code: code,
            error: error, minimum: PasswordHasher.minimumLength,
            hint: words("claim_password_hint", ["minimum": "\(PasswordHasher.minimumLength)"]))
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
