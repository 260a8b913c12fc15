import Foundation
import NIOPosix
import RehabAuth

/// Bcrypt hashing and checking on NIO's blocking thread pool, never on Swift's cooperative pool, whose few
/// threads must stay free to answer other requests while a hash takes a few hundred milliseconds.
struct PasswordService: Sendable {
    let hasher: PasswordHasher
    /// A real hash of a random password, checked when an email is unknown so that answering takes as long as
    /// for a known one and does not reveal which emails have accounts.
    let decoy: String

    init(cost: UInt8) {
        hasher = PasswordHasher(cost: cost)
        decoy = (try? hasher.hash(TokenHash.random())) ?? ""
    }

    func hash(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await NIOThreadPool.singleton.runIfActive { try hasher.hash(password) }
    }

    func verify(_ password: String, against stored: String?) async throws -> Bool {
        let hasher = self.hasher
        let target = stored ?? decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { hasher.verify(password, against: target) }
        return stored != nil && matches
    }
}
