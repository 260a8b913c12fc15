import Foundation
import Hummingbird
import RehabCore
import RehabQR

/// A clinician's or admin's second factor as a page: the secret to type into an authenticator app (and its
/// `otpauth://` address), a code to confirm it, then the recovery codes once. An admin also sets here whether every
/// clinician and admin must have one.
struct SecondFactorPages {
    let context: PageContext

    /// Where enrolment lives; a sign-in that may only enrol is sent here.
    static let path = "/account/second-factor"

    struct Page {
        let chrome: Chrome
        let required: Bool
        let enrolled: Bool
        let unused: Int
        let secret: String
        /// The secret in groups of four, easier to type.
        let secretGroups: String
        let uri: String
        /// The address as a QR code (SVG) for the app to scan; none when it is too long for one.
        let qrCode: String?
        let codes: [String]
        let hasCodes: Bool
        let error: String?
        let isAdmin: Bool
        let clinicRequires: Bool
        /// For an admin: who has a second factor, each with a form to remove it (a lost phone).
        let holders: [Holder]
        let noHolders: Bool
        let notice: String?
    }

    struct Holder {
        let id: String
        let name: String
        let email: String
        let role: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("account/second-factor") { request, requestContext in
            let removed = request.uri.queryParameters.get("removed") == "1"
            return try await page(
                requestContext, offer: nil, codes: [], error: nil,
                notice: removed ? "The second factor is removed and every sign-in of that account has ended." : nil)
        }
        router.post("account/second-factor") { request, requestContext in
            let identity = try staff(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            let secret = form["secret"] ?? ""
            do {
                let codes = try await context.signIn.enrolSecondFactor(
                    secret: secret, code: form["code"] ?? "", for: identity, from: requestContext.clientAddress)
                return try await page(requestContext, offer: nil, codes: codes, error: nil)
            } catch let error as WebError where error.field != nil {
                let offer = context.signIn.secondFactors.offer(again: secret, for: identity.account)
                return try await page(requestContext, offer: offer, codes: [], error: error.message)
            }
        }
        router.post("admin/second-factor") { request, requestContext in
            let identity = try context.admin(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            let proof = SignIn.Proof(code: form["code"], password: form["password"])
            do {
                try await context.signIn.setSecondFactorRequired(
                    form["required"] == "on", by: identity, proof: proof, from: requestContext.clientAddress)
            } catch let error as WebError where Self.isProofProblem(error) {
                return try await page(
                    requestContext, offer: nil, codes: [],
                    error: Self.words(for: error, doing: "make the second factor optional"))
            }
            return Response.seeOther(Self.path)
        }
        router.post("admin/second-factors/:id/remove") { request, requestContext in
            let identity = try context.admin(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            guard let id = requestContext.parameters.get("id").flatMap(AccountID.init(uuidString:)) else {
                throw WebError.notFound
            }
            guard form["confirm"] == "on" else {
                return try await page(
                    requestContext, offer: nil, codes: [],
                    error: "Tick the box to confirm the phone and the recovery codes are lost.")
            }
            let proof = SignIn.Proof(code: form["code"], password: form["password"])
            do {
                try await context.signIn.removeSecondFactor(
                    of: id, by: identity, proof: proof, from: requestContext.clientAddress)
            } catch let error as WebError where Self.isProofProblem(error) {
                return try await page(
                    requestContext, offer: nil, codes: [], error: Self.words(for: error, doing: "remove it"))
            }
            return Response.seeOther(Self.path + "?removed=1")
        }
    }

    /// Whether an error is about the admin's proof (`SignIn.proveAgain`): missing or wrong.
    private static func isProofProblem(_ error: WebError) -> Bool {
        error.field == "code" || error.field == "password"
    }

    /// What the page says about a proof that is missing (what to type, to do `task`) or wrong (the error's words).
    private static func words(for error: WebError, doing task: String) -> String {
        guard error.status == .unprocessableContent else { return error.message }
        return error.field == "code"
            ? "To \(task), type the code your own authenticator app shows now."
            : "To \(task), type your own password."
    }

    private func staff(_ requestContext: AppRequestContext) throws -> Identity {
        guard requestContext.identity != nil else { throw PageRedirect(to: "/login") }
        return try SecondFactorRoutes.staff(requestContext)
    }

    private func page(
        _ requestContext: AppRequestContext, offer: SecondFactors.Offer?, codes: [String], error: String?,
        notice: String? = nil
    ) async throws -> Response {
        let identity = try staff(requestContext)
        let store = context.services.store
        let enrolled = try await store.secondFactor(of: identity.account.id) != nil
        let offer = offer ?? context.signIn.secondFactors.offer(for: identity.account)
        let clinicRequires = try await store.secondFactorRequired()
        // A sign-in that may only enrol has proven a password alone: it sees none of the clinic's settings.
        let isAdmin = identity.account.role == .admin && !identity.session.enrolmentOnly
        let holders =
            isAdmin
            ? try await store.secondFactorHolders(by: context.actor(identity, requestContext))
                .filter { $0.id != identity.account.id }
                .map { Holder(id: $0.id.description, name: $0.name, email: $0.email, role: $0.role.rawValue) } : []
        let groups = stride(from: 0, to: offer.secret.count, by: 4).map { start in
            String(offer.secret.dropFirst(start).prefix(4))
        }
        let model = Page(
            chrome: context.chrome("Second factor", identity), required: identity.session.enrolmentOnly,
            enrolled: enrolled, unused: enrolled ? try await store.unusedRecoveryCodes(of: identity.account.id) : 0,
            secret: offer.secret, secretGroups: groups.joined(separator: " "), uri: offer.uri,
            qrCode: try? QRCode(offer.uri).svg(), codes: codes,
            hasCodes: !codes.isEmpty,
            error: error, isAdmin: isAdmin, clinicRequires: clinicRequires, holders: holders,
            noHolders: holders.isEmpty, notice: notice)
        return context.pages.page("second-factor", model, status: error == nil ? .ok : .unprocessableContent)
    }
}
