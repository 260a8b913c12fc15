import ArgumentParser
import Foundation
import RehabAuth
import RehabCore

/// `kneerehab user`: account administration from the command line.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.",
        subcommands: [AddUser.self, RemoveSecondFactor.self])
}

/// `kneerehab user add`: adds an admin or clinician; the password comes from standard input.
struct AddUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an admin or clinician account; the password is read from standard input.")

    /// The roles the command line may create (patients come from a clinician's invite).
    enum Role: String, ExpressibleByArgument, CaseIterable {
        case admin, clinician
    }

    @Option(help: "admin or clinician.") var role: Role
    @Option(help: "The sign-in email.") var email: String
    @Option(help: "The display name.") var name: String
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let address = email.trimmingCharacters(in: .whitespaces)
        guard address.contains("@"), !address.contains(" ") else {
            throw InputError(field: "--email", problem: "is not an email address")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputError(field: "--name", problem: "is empty")
        }
        for (field, text) in [("--email", email), ("--name", name)] {
            do { try TextInput.check(text, field: field) } catch {
                throw InputError(field: field, problem: error.problem)
            }
        }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let password = String(input.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        if let problem = PasswordHasher.problem(with: password) {
            throw InputError(field: "password", problem: "\(problem) (read from standard input)")
        }
        let hash = try PasswordHasher().hash(password)
        let account = NewAccount(
            role: AccountRole(rawValue: role.rawValue) ?? .clinician, email: address, name: name, passwordHash: hash)
        let created = try await options.withStore { store in
            try await store.createAccount(account, by: AuditActor(.system, origin: "cli", at: Date()))
        }
        print("added \(created.role.rawValue) \(created.id)")
    }
}

/// `kneerehab user remove-second-factor`: for a clinician or admin who lost the phone with their authenticator app
/// and their recovery codes. Removes the second factor and its recovery codes and ends every sign-in of the account;
/// it signs in with its password again and, where the clinic requires a second factor, enrols a new one.
struct RemoveSecondFactor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-second-factor",
        abstract: "Remove an account's second factor (a lost phone) and end its sign-ins.")

    @Option(help: "The account's sign-in email.") var email: String
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let address = email.trimmingCharacters(in: .whitespaces)
        let removed = try await options.withStore { store in
            guard let account = try await store.account(email: address) else {
                throw InputError(field: "--email", problem: "no account signs in with this email")
            }
            return try await store.removeSecondFactor(
                of: account.id, by: AuditActor(.system, origin: "cli", at: Date()))
        }
        guard removed else { throw InputError(field: "--email", problem: "this account has no second factor") }
        print("removed the second factor; every sign-in of the account has ended")
    }
}
