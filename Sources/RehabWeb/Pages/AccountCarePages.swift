import Foundation
import Hummingbird
import RehabCore

/// The account page of clinicians and admins (change password, sign out everywhere; patients have the same forms
/// on their settings page), and a clinician's new invite code for a patient who lost theirs.
struct AccountCarePages {
    let context: PageContext

    struct AccountPage {
        let chrome: Chrome
        let name: String
        let email: String
        let care: AccountCareSection
    }

    struct ReissuedPage {
        let chrome: Chrome
        let id: PatientID
        let name: String
        let code: String
        let expires: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("account") { request, requestContext in
            let identity = try signedIn(requestContext)
            if identity.account.role == .patient { return Response.seeOther("/settings#password") }
            let changed = request.uri.queryParameters.get("password") == "changed"
            return page(identity, care: AccountCareSection(path: "/account", changed: changed))
        }
        router.post("account") { request, requestContext in
            let identity = try signedIn(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            switch try await AccountCareSection.handle(form, identity, requestContext, signIn: context.signIn) {
            case .changed: return Response.seeOther("/account?password=changed")
            case .signedOut:
                return AccountCareSection.signedOutResponse(secureCookies: context.configuration.secureCookies)
            case .refused(let error):
                let care = AccountCareSection(path: "/account", error: AccountCareSection.message(error))
                return page(identity, care: care, status: error.status)
            case nil: throw WebError.invalid("action", "is not known")
            }
        }
        router.post("clinic/patients/:id/invite") { request, requestContext in
            let identity = try context.clinician(requestContext)
            _ = try await context.form(request, requestContext, identity: identity)
            guard let id = requestContext.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
                throw WebError.notFound
            }
            let (outcome, code) = try await context.signIn.reissueInvite(
                for: id, idempotency: nil, by: context.actor(identity, requestContext))
            guard let patient = outcome.created else { throw WebError.notFound }
            let model = ReissuedPage(
                chrome: context.chrome("New invite for \(patient.name)", identity), id: patient.id,
                name: patient.name, code: code.inviteCode, expires: ClinicPages.day(code.inviteExpiresAt))
            return context.pages.page("reinvite", model, status: .created)
        }
    }

    private func signedIn(_ requestContext: AppRequestContext) throws -> Identity {
        guard let identity = requestContext.identity else { throw PageRedirect(to: "/login") }
        return identity
    }

    private func page(_ identity: Identity, care: AccountCareSection, status: HTTPResponse.Status = .ok) -> Response {
        let model = AccountPage(
            chrome: context.chrome("Your account", identity), name: identity.account.name,
            email: identity.account.email, care: care)
        return context.pages.page("account", model, status: status)
    }
}
