import ArgumentParser
import Foundation
import RehabCore

/// `kneerehab triage CHECKIN.json`: the triage level of one daily check-in, with every reason.
struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Triage level of one daily check-in: emergency, urgent, contact-clinician, modify or continue.",
        discussion: """
            CHECKIN.json is one check-in object (see docs/triage.md) or - for standard input. The fever \
            threshold and emergency number default to the catalog's triage.yaml.
            """
    )

    @Argument(help: "The check-in file (JSON), or - for standard input.")
    var checkIn: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Fever threshold in °C: a temperature at or above it is urgent (default from triage.yaml: 38.0).")
    var feverCelsius: Double?

    @Option(help: "The emergency telephone number to tell the patient to call (default from triage.yaml: 911).")
    var emergencyNumber: String?

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        let policy = try makePolicy()
        let data = try CommandIO.read(checkIn, argument: "checkIn")
        let decoded = try CommandIO.decode(CheckIn.self, from: data, root: "checkIn")
        do {
            try decoded.validate(path: "checkIn")
        } catch {
            throw InputError(error)
        }
        let result = Triage.assess(decoded, recent: [], policy: policy)
        switch format {
        case .json: try CommandIO.printJSON(result)
        case .text: print(Self.text(result, policy: policy))
        }
    }

    private func makePolicy() throws(InputError) -> TriagePolicy {
        var policy = try catalog.load().triage
        if let feverCelsius { policy.feverCelsius = feverCelsius }
        if let emergencyNumber { policy.emergencyNumber = emergencyNumber }
        do {
            try policy.validate()
        } catch {
            let option = ["feverCelsius": "--fever-celsius", "emergencyNumber": "--emergency-number"]
            throw InputError(field: option[error.field] ?? error.field, problem: error.problem)
        }
        return policy
    }

    /// The printout: the level in plain words, then each reason.
    static func text(_ result: TriageResult, policy: TriagePolicy) -> String {
        var lines = [result.level.headline(emergencyNumber: policy.emergencyNumber) + "."]
        for reason in result.reasons {
            lines.append("  - \(reason.message) [\(reason.rule)]")
        }
        return lines.joined(separator: "\n")
    }
}
