import Foundation
import RehabAuth
import RehabCore

/// The one-click link in a reminder mail that stops a patient's reminders (RFC 8058): signed with a key kept in
/// the database, so every server instance makes and accepts the same links, and nobody can make one for another
/// patient.
struct ReminderLinks: Sendable {
    let store: any RehabStore

    /// The key's name in the store.
    static let keyName = "mail-links"
    /// The link's purpose, so the key signs nothing else by mistake.
    static let purpose = "stop-reminders"

    private func signer() async throws -> SignedLink {
        SignedLink(
            key: try await store.serverKey(named: Self.keyName, fresh: SignedLink.freshKey()), purpose: Self.purpose)
    }

    /// The path of the stop link for `patient`.
    func stopPath(for patient: PatientID) async throws -> String {
        "/reminders/stop/" + (try await signer().token(for: patient.description))
    }

    /// The patient a stop token names, when it is genuine.
    func patient(of token: String) async throws -> PatientID? {
        try await signer().subject(of: token).flatMap(PatientID.init(uuidString:))
    }
}
