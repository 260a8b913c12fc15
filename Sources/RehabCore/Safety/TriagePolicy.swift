import Foundation

/// The tunable numbers of triage: fever threshold, pain bands, how repeated days are counted, and the telephone
/// number for emergencies.
///
/// Sources disagree on fever (38.0 °C to 38.3 °C) and emergency numbers differ by country, so these are settings a
/// clinic can change; the shipped defaults live in `triage.yaml` with the source of each number.
public struct TriagePolicy: Codable, Hashable, Sendable {
    /// A temperature at or above this, in °C, is a fever (urgent).
    public var feverCelsius: Double
    /// The number a patient calls in an emergency, e.g. "911" or "112".
    public var emergencyNumber: String
    /// Pain at rest or on waking at or above this (0–10) is urgent.
    public var urgentPain: Int
    /// Pain at rest or on waking at or above this, and below `urgentPain`, means contacting the clinician.
    public var contactPain: Int
    /// Pain at rest or on waking at or above this, and below `contactPain`, means an easier session.
    public var modifyPain: Int
    /// Morning pain above this on two check-ins running means contacting the clinician.
    public var repeatedMorningPainAbove: Int
    /// Swelling at least this on two check-ins running means contacting the clinician.
    public var repeatedSwelling: Swelling
    /// Swelling at least this together with the knee giving way is urgent.
    public var giveWaySwelling: Swelling
    /// An earlier check-in counts as "the day before" only within this many days.
    public var repeatWindowDays: Int

    /// Makes a policy; `validate()` checks it.
    public init(
        feverCelsius: Double, emergencyNumber: String, urgentPain: Int, contactPain: Int, modifyPain: Int,
        repeatedMorningPainAbove: Int, repeatedSwelling: Swelling, giveWaySwelling: Swelling, repeatWindowDays: Int
    ) {
        self.feverCelsius = feverCelsius
        self.emergencyNumber = emergencyNumber
        self.urgentPain = urgentPain
        self.contactPain = contactPain
        self.modifyPain = modifyPain
        self.repeatedMorningPainAbove = repeatedMorningPainAbove
        self.repeatedSwelling = repeatedSwelling
        self.giveWaySwelling = giveWaySwelling
        self.repeatWindowDays = repeatWindowDays
    }

    /// The file name inside a catalog directory.
    public static let fileName = "triage.yaml"

    /// Reads `triage.yaml` (each setting as `value:` plus `source:`) from a catalog directory and validates it.
    public static func load(from directory: URL) throws -> TriagePolicy {
        let file = try CatalogYAML.decode(PolicyFile.self, file: directory.appendingPathComponent(fileName))
        let policy = file.policy
        do {
            try policy.validate()
        } catch {
            throw InvalidInput(field: "\(fileName): \(error.field).value", problem: error.problem)
        }
        return policy
    }

    /// The policy shipped with the program.
    public static func bundled() throws -> TriagePolicy {
        try load(from: CatalogDirectory.bundled)
    }

    /// Checks that the numbers make sense together: a body-temperature fever threshold, ordered pain bands, a
    /// dialable emergency number.
    public func validate() throws(InvalidInput) {
        guard (37.0...40.0).contains(feverCelsius) else {
            throw InvalidInput(field: "feverCelsius", problem: "\(feverCelsius) is outside 37.0–40.0 °C")
        }
        let dialable = CharacterSet(charactersIn: "0123456789+*# -")
        guard !emergencyNumber.isEmpty, emergencyNumber.count <= 20,
            emergencyNumber.unicodeScalars.allSatisfy(dialable.contains)
        else {
            throw InvalidInput(field: "emergencyNumber", problem: "must be 1–20 digits (spaces, +, -, * and # allowed)")
        }
        guard 1 <= modifyPain, modifyPain < contactPain, contactPain <= urgentPain, urgentPain <= 10 else {
            throw InvalidInput(
                field: "modifyPain", problem: "pain bands must satisfy 1 ≤ modify < contact ≤ urgent ≤ 10")
        }
        guard (0...9).contains(repeatedMorningPainAbove) else {
            throw InvalidInput(field: "repeatedMorningPainAbove", problem: "must be within 0–9")
        }
        guard repeatedSwelling > .none, giveWaySwelling > .none else {
            throw InvalidInput(field: "repeatedSwelling", problem: "swelling thresholds must be mild or more")
        }
        guard (1...14).contains(repeatWindowDays) else {
            throw InvalidInput(field: "repeatWindowDays", problem: "must be within 1–14 days")
        }
    }
}

extension TriagePolicy {
    /// One setting in `triage.yaml`: the value and where it comes from.
    private struct Setting<Value: Decodable & Sendable>: Decodable, Sendable {
        let value: Value
        let source: String
    }

    /// The shape of `triage.yaml`.
    private struct PolicyFile: Decodable, Sendable {
        let feverCelsius: Setting<Double>
        let emergencyNumber: Setting<String>
        let urgentPain: Setting<Int>
        let contactPain: Setting<Int>
        let modifyPain: Setting<Int>
        let repeatedMorningPainAbove: Setting<Int>
        let repeatedSwelling: Setting<Swelling>
        let giveWaySwelling: Setting<Swelling>
        let repeatWindowDays: Setting<Int>

        var policy: TriagePolicy {
            TriagePolicy(
                feverCelsius: feverCelsius.value, emergencyNumber: emergencyNumber.value,
                urgentPain: urgentPain.value, contactPain: contactPain.value, modifyPain: modifyPain.value,
                repeatedMorningPainAbove: repeatedMorningPainAbove.value, repeatedSwelling: repeatedSwelling.value,
                giveWaySwelling: giveWaySwelling.value, repeatWindowDays: repeatWindowDays.value)
        }
    }
}
