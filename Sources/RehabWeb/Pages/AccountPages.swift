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
        /// The code step's token, once the password was right for an account with a second factor.
        let pending: String?
        /// A form that arrived after the sign-in had ended, to post again once signed in.
        let carry: Carried?
    }

    /// A patient's form (a step of today's session) that arrived after their sign-in ended: kept in the sign-in
    /// page and posted again, with the new sign-in's form token, once they are back.
    struct Carried {
        struct Field {
            let name: String
            let value: String
        }
        let to: String
        let fields: [Field]

        /// Where a carried form may go: the steps of today's session, nowhere else.
        static let targets: Set<String> = ["/session", "/session/finish"]

        /// The form's fields without its old form token.
        init?(to: String, pairs: [(String, String)]) {
            guard Self.targets.contains(to) else { return nil }
            self.to = to
            fields = pairs.filter { $0.0 != "csrf" && !$0.0.hasPrefix("carry.") }.map { Field(name: $0.0, value: $0.1) }
        }

        /// The carried form in a sign-in form's fields (`carry.to`, `carry.NAME`).
        init?(signInForm form: Form) {
            guard let to = form["carry.to"] else { return nil }
            let pairs = form.pairs.compactMap { pair -> (String, String)? in
                pair.0.hasPrefix("carry.") && pair.0 != "carry.to" ? (String(pair.0.dropFirst(6)), pair.1) : nil
            }
            self.init(to: to, pairs: pairs)
        }
    }

    struct ContinuePage {
        let chrome: Chrome
        let to: String
        let csrf: String
        let fields: [Carried.Field]
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
            let carry = Carried(signInForm: form)
            do {
                let account = try await context.signIn.checkPassword(
                    email: email, password: form["password"] ?? "", from: requestContext.clientAddress)
                do {
                    let started = try await context.signIn.finish(
                        account, code: nil, from: requestContext.clientAddress)
                    return signedIn(started, carry: carry, requestContext)
                } catch let error as WebError where error.code == "second-factor-required" {
                    return login(
                        requestContext, email: email, error: nil,
                        pending: try await context.signIn.secondFactors.pendingToken(for: account.id))
                }
            } catch let error as WebError {
                return login(
                    requestContext, email: email,
                    error: context.pages.strings.message(of: error, requestContext.language),
                    status: error.status, carry: carry)
            }
        }
        router.post("login/code") { request, requestContext in
            let form = try await anonymousForm(request, requestContext)
            let pending = form["pending"] ?? ""
            guard let id = try await context.signIn.secondFactors.pendingAccount(pending),
                let account = try? await context.services.store.account(id)
            else {
                return login(
                    requestContext, email: "", error: "That took too long. Sign in again with your password.",
                    status: .unauthorized)
            }
            do {
                let started = try await context.signIn.finish(
                    account, code: form["code"] ?? "", from: requestContext.clientAddress)
                return signedIn(started, carry: nil, requestContext)
            } catch let error as WebError {
                return login(
                    requestContext, email: "", error: context.pages.strings.message(of: error, requestContext.language),
                    status: error.status, pending: pending)
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
            started.token, maxAge: max(0, Int(started.session.expiresAt.timeIntervalSince(started.session.createdAt))),
            secure: context.configuration.secureCookies)
    }

    /// Where a new sign-in goes: enrolment when it may do nothing else, the carried form when a patient's sign-in
    /// ended in the middle of a session, else the role's home.
    private func signedIn(_ started: SignIn.Started, carry: Carried?, _ requestContext: AppRequestContext) -> Response {
        let cookie = sessionCookie(started)
        if started.session.enrolmentOnly { return Response.seeOther(SecondFactorPages.path, cookie: cookie) }
        if let carry, started.account.role == .patient {
            let words = context.words(requestContext)
            var response = context.pages.page(
                "continue",
                ContinuePage(
                    chrome: context.chrome(words["continue_title"], nil, language: words.language), to: carry.to,
                    csrf: started.session.formToken, fields: carry.fields))
            response.headers[.setCookie] = cookie
            return response
        }
        let home =
            switch started.account.role {
            case .patient: "/today"
            case .clinician: "/clinic"
            case .admin: "/admin"
            }
        return Response.seeOther(home, cookie: cookie)
    }

    /// The sign-in page for a patient whose form arrived after their sign-in ended: the form rides along and is
    /// posted again once they are signed in.
    func signInToContinue(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let form = try await Form.read(request, context: requestContext)
        let carry = Carried(to: request.uri.path, pairs: form.pairs)
        return login(
            requestContext, email: "", error: nil, notice: context.words(requestContext)["login_idle_notice"],
            status: .unauthorized, carry: carry)
    }

    private func login(
        _ requestContext: AppRequestContext, email: String, error: String?, notice: String? = nil,
        status: HTTPResponse.Status = .ok, pending: String? = nil, carry: Carried? = nil
    ) -> Response {
        let token = TokenHash.random(bytes: 18)
        let words = context.words(requestContext)
        let model = LoginPage(
            chrome: context.chrome(words["login_title"], nil, language: words.language), formToken: token,
            email: email, error: error, notice: notice, pending: pending, carry: carry)
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
