import RehabCore

/// Daily check-ins as `Observation`s with their triage, red flags (urgent or emergency triage) as `DetectedIssue`s,
/// and open alerts as `Flag`s.
extension FHIRBuilder {
    /// The check-in's observation, and a detected issue when its triage raised an alert.
    func resources(of stored: StoredCheckIn) -> (observation: FHIRObservation, issue: FHIRDetectedIssue?) {
        let name = "Observation/check-in/\(stored.id)"
        var observation = FHIRObservation(
            id: FHIRIdentity.id(name), category: .survey, code: CheckInConcepts.checkIn, subject: subject,
            effective: stored.checkIn.date.description)
        observation.issued = FHIRTime.instant(stored.createdAt)
        observation.component = components(of: stored.checkIn) + [triageComponent(stored.triage.level)]
        if !stored.triage.reasons.isEmpty {
            observation.note = stored.triage.reasons.map { FHIRAnnotation(text: "\($0.level.rawValue): \($0.message)") }
        }
        guard stored.triage.raisesAlert, let worst = stored.triage.reasons.first else { return (observation, nil) }
        let issue = FHIRDetectedIssue(
            id: FHIRIdentity.id("DetectedIssue/check-in/\(stored.id)"), status: "final",
            code: FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.rule, code: worst.rule), text: worst.message),
            severity: stored.triage.level == .emergency ? "high" : "moderate", patient: subject,
            identifiedDateTime: stored.checkIn.date.description,
            implicated: [style.reference("Observation", observation.id)],
            detail: stored.triage.reasons.filter { $0.level >= .urgent }.map(\.message).joined(separator: " "))
        return (observation, issue)
    }

    /// An open alert as an active `Flag` from the time it was raised.
    func flag(for alert: StoredAlert) -> FHIRFlag {
        FHIRFlag(
            id: FHIRIdentity.id("Flag/alert/\(alert.id)"), status: "active",
            code: FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.rule, code: alert.rule), text: alert.message),
            subject: subject, period: FHIRPeriod(start: FHIRTime.instant(alert.raisedAt)))
    }

    private func triageComponent(_ level: TriageLevel) -> FHIRObservation.Component {
        .init(CheckInConcepts.triageLevel, concept: CheckInConcepts.levels[level] ?? CheckInConcepts.answer(level))
    }

    /// Each answered question of the check-in.
    private func components(of checkIn: CheckIn) -> [FHIRObservation.Component] {
        typealias Concepts = CheckInConcepts
        var parts: [FHIRObservation.Component] = []
        for (value, concept) in [
            (checkIn.painAtRest, Concepts.painAtRest), (checkIn.painMorning, Concepts.painOnWaking),
        ] {
            guard let value else { continue }
            parts.append(.init(concept, quantity: Self.score(value)))
        }
        if let swelling = checkIn.swelling {
            parts.append(.init(Concepts.swelling, concept: Concepts.swellings[swelling] ?? Concepts.answer(swelling)))
        }
        if let temperature = checkIn.temperatureCelsius {
            parts.append(.init(Concepts.temperature, quantity: FHIRQuantity(temperature, ucum: "Cel")))
        }
        let flags = [
            checkIn.woundRedness, checkIn.woundDrainage, checkIn.calfPainOrSwelling, checkIn.chestPainOrBreathless,
            checkIn.giveWay, checkIn.kneeLocked, checkIn.footNumbOrCold,
        ]
        for (value, concept) in zip(flags, Concepts.flags) {
            if let value { parts.append(.init(concept, boolean: value)) }
        }
        return parts
    }
}

/// The concepts every check-in repeats, made (and written) once.
private enum CheckInConcepts {
    static let checkIn = FHIRCodes.observationConcept("daily-check-in", "Daily check-in")
    static let painAtRest = FHIRCodes.painConcept("pain-at-rest", "Pain at rest")
    static let painOnWaking = FHIRCodes.painConcept("pain-on-waking", "Pain on waking")
    static let swelling = FHIRCodes.observationConcept("swelling", "Swelling")
    static let temperature = FHIRCodeableConcept(FHIRCodes.bodyTemperature, text: "Body temperature")
    static let triageLevel = FHIRCodes.observationConcept("triage-level", "Triage level")
    /// The yes-or-no questions, in the order `components(of:)` lists the answers.
    static let flags = [
        FHIRCodes.observationConcept("wound-redness", "Redness spreading around the wound"),
        FHIRCodes.observationConcept("wound-drainage", "Fluid leaking from the wound"),
        FHIRCodes.observationConcept("calf-pain-or-swelling", "Calf pain, tenderness or swelling"),
        FHIRCodes.observationConcept("chest-pain-or-breathless", "Chest pain or breathlessness"),
        FHIRCodes.observationConcept("knee-gave-way", "The knee gave way"),
        FHIRCodes.observationConcept("knee-locked", "The knee locked"),
        FHIRCodes.observationConcept("foot-numb-or-cold", "Foot numb, pale or cold"),
    ]
    /// Each swelling answer.
    static let swellings = Dictionary(uniqueKeysWithValues: Swelling.allCases.map { ($0, answer($0)) })
    /// Each triage level as an answer.
    static let levels = Dictionary(uniqueKeysWithValues: TriageLevel.allCases.map { ($0, answer($0)) })

    static func answer(_ swelling: Swelling) -> FHIRCodeableConcept {
        let words = swelling.rawValue.capitalized
        return FHIRCodeableConcept(
            FHIRCoding(system: FHIRCodes.swelling, code: swelling.rawValue, display: words), text: words)
    }

    static func answer(_ level: TriageLevel) -> FHIRCodeableConcept {
        FHIRCodeableConcept(
            FHIRCoding(system: FHIRCodes.triageLevel, code: level.rawValue, display: level.label), text: level.label)
    }
}

extension TriageLevel {
    /// The level in words for a clinician.
    var label: String {
        switch self {
        case .emergency: "Emergency"
        case .urgent: "Urgent"
        case .contactClinician: "Contact the clinician"
        case .modify: "Modify the session"
        case .continue: "Continue"
        }
    }
}
