import Foundation
import Hummingbird
import NIOCore
import RehabCore

/// The per-request context: Hummingbird's core storage plus who is signed in and where the request came from.
public struct AppRequestContext: RequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, set by `IdentityMiddleware`.
    public var identity: Identity?
    /// The client's address, for the audit log and the sign-in throttle: the connection's, or the one a trusted
    /// proxy forwarded (`ForwardedAddressMiddleware`).
    public var clientAddress: String
    /// The browser's `Accept-Language`, set by `IdentityMiddleware`.
    public var acceptLanguage: String?

    /// The language of the response: a signed-in patient's (their choice, else the browser's); English for
    /// clinicians and admins; the browser's for anyone not signed in.
    public var language: Language {
        identity?.language ?? Language.resolve(chosen: nil, acceptLanguage: acceptLanguage)
    }

    /// Makes a context for a request arriving on a channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.clientAddress = ForwardedAddress.connection(source.channel.remoteAddress)
    }

    /// Bodies over 256 KiB are refused with 413: no form or API document of this app comes near it.
    public var maxUploadSize: Int { 256 * 1024 }

    /// The signed-in identity, or 401.
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw WebError.unauthenticated }
        return identity
    }

    /// The signed-in clinician, or 401/403.
    public func requireClinician() throws -> Identity {
        let identity = try requireIdentity()
        guard identity.account.role == .clinician else { throw WebError.forbidden }
        return identity
    }

    /// The signed-in admin, or 401/403.
    public func requireAdmin() throws -> Identity {
        let identity = try requireIdentity()
        guard identity.account.role == .admin else { throw WebError.forbidden }
        return identity
    }

    /// The signed-in clinician (else 401/403) and the patient the path names (`:id`; 404 when it is no patient
    /// id). Whether the clinician may see that patient is the store's check: another clinician's patient is 404.
    public func clinicianAndPathPatient() throws -> (Identity, PatientID) {
        let identity = try requireClinician()
        guard let id = parameters.get("id").flatMap(PatientID.init(uuidString:)) else { throw WebError.notFound }
        return (identity, id)
    }

    /// The signed-in patient and their patient row, or 401/403.
    public func requirePatient() throws -> (Identity, Patient) {
        let identity = try requireIdentity()
        guard identity.account.role == .patient, let patient = identity.patient else { throw WebError.forbidden }
        return (identity, patient)
    }
}

/// Who is signed in: the account, the patient row for a patient, and the sign-in.
public struct Identity: Sendable {
    /// The account.
    public let account: Account
    /// The patient, for a patient account.
    public let patient: Patient?
    /// The session (cookie or bearer token).
    public let session: SignInToken
    /// Whether the request was authenticated by the session cookie (forms must then carry the CSRF token).
    public let viaCookie: Bool
    /// For a patient's page, how many of their care team's messages are unread (shown in the menu); nil elsewhere.
    public var unreadMessages: Int? = nil
    /// The language of this identity's pages and plan: a patient's choice, else their browser's; English for
    /// clinicians and admins.
    public var language: Language = .english

    /// What this identity may see.
    public var access: Access {
        switch account.role {
        case .admin: .admin(account.id)
        case .clinician: .clinician(account.id)
        case .patient: patient.map { .patient(account: account.id, patient: $0.id) } ?? .admin(account.id)
        }
    }

    /// The audit actor for a request at `date` from `origin`.
    public func actor(at date: Date, origin: String) -> AuditActor { AuditActor(access, origin: origin, at: date) }
}
