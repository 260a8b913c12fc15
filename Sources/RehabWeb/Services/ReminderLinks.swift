import Foundation
import RehabAuth
import RehabCore
import Synchronization

/// The one-click link in a reminder mail that stops a patient's reminders (RFC 8058): signed with a key kept in
/// the database, so every server instance makes and accepts the same links, and nobody can make one for another
/// patient. The key never changes once written, so each instance reads it once and keeps it.
struct ReminderLinks: Sendable {
    let store: any RehabStore
    private let key = KeptKey()

    /// Makes links with the key of `store`.
    init(store: any RehabStore) { self.store = store }

    /// The key's name in the store.
    static let keyName = "mail-links"
    /// The link's purpose, so the key signs nothing else by mistake.
    static let purpose = "stop-reminders"

    private func signer() async throws -> SignedLink {
        if let kept = key.value.withLock({ $0 }) { return SignedLink(key: kept, purpose: Self.purpose) }
        // Two first calls at once may both read: the store answers both with the one key it keeps.
        let read = try await store.serverKey(named: Self.keyName, fresh: SignedLink.freshKey())
        key.value.withLock { $0 = read }
        return SignedLink(key: read, purpose: Self.purpose)
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

/// The signing key once read, shared by the copies of one `ReminderLinks`.
private final class KeptKey: Sendable {
    let value = Mutex<Data?>(nil)
}
