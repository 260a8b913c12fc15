import Foundation
import Hummingbird
import RehabAuth
import RehabCore

/// The "Change password" and "Sign out everywhere" forms, on the patient's settings page and on the account page
/// of everyone else: what the `account-care` partial shows, and the handling of its two forms.
struct AccountCareSection {
    /// Where the forms post.
    let path: String
    /// The shortest password allowed, for the hint beside the field.
    let minimum = PasswordHasher.minimumLength
    /// Why the last password change failed, in plain words.
    let error: String?
    /// The password was just changed.
    let changed: Bool

    init(path: String, error: String? = nil, changed: Bool = false) {
        self.path = path
        self.error = error
        self.changed = changed
    }

    /// What a posted account-care form did.
    enum Outcome {
        /// The password changed: back to the page, saying so.
        case changed
        /// Every sign-in ended, this one too.
        case signedOut
        /// The password did not change: the page again with this error, and its status.
        case refused(WebError)
    }

    /// Handles a posted form whose `action` is `password` or `everywhere`; nil for any other action.
    static func handle(_ form: Form, _ identity: Identity, _ requestContext: AppRequestContext, signIn: SignIn)
        async throws -> Outcome?
    {
        switch form["action"] {
        case "password":
            guard form["newPassword"] == form["newPasswordAgain"] else {
                return .refused(WebError.invalid("newPasswordAgain", "is not the same as the new password"))
            }
            do {
                _ = try await signIn.changePassword(
                    current: form["currentPassword"] ?? "", new: form["newPassword"] ?? "", for: identity,
                    from: requestContext.clientAddress)
                return .changed
            } catch let error as WebError {
                return .refused(error)
            }
        case "everywhere":
            _ = try await signIn.signOutEverywhere(identity, from: requestContext.clientAddress)
            return .signedOut
        default:
            return nil
        }
    }

    /// The answer after signing out everywhere: the sign-in page, with the cookie cleared.
    static func signedOutResponse(secureCookies: Bool) -> Response {
        Response.seeOther("/login?signedOut=everywhere", cookie: SessionCookie.clear(secure: secureCookies))
    }

    /// The message for an error, in words for the person at the form.
    static func message(_ error: WebError) -> String {
        switch error.field {
        case "currentPassword" where error.code == "invalid-field": "Type the password you use now."
        case "newPassword": "The new password " + error.message.dropFirst("newPassword ".count)
        case "newPasswordAgain": "The two new passwords are not the same."
        default: error.message
        }
    }
}
