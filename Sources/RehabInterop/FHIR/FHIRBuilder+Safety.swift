import RehabCore

/// Daily check-ins as `Observation`s with their triage, red flags (urgent or emergency triage) as `DetectedIssue`s,
/// and open alerts as `Flag`s.
extension FHIRBuilder {
    /// The check-in's observation, and a detected issue when its triage raised an alert.
    func resources(of stored: StoredCheckIn) -> [any FHIRResource] {
        let name = "Observation/check-in/\(stored.id)"
        var observation = FHIRObservation(
            id: FHIRIdentity.id(name), category: "survey",
            code: FHIRCodeableConcept(
                FHIRCodes.observation("daily-check-in", "Daily check-in"), text: "Daily check-in"),
            subject: subject, effective: stored.checkIn.date.description)
        observation.issued = FHIRTime.instant(stored.createdAt)
        observation.component = components(of: stored.checkIn) + [triageComponent(stored.triage.level)]
        if !stored.triage.reasons.isEmpty {
            observation.note = stored.triage.reasons.map { FHIRAnnotation(text: "\($0.level.rawValue): \($0.message)") }
        }
        guard stored.triage.raisesAlert, let worst = stored.triage.reasons.first else { return [observation] }
        let issue = FHIRDetectedIssue(
            id: FHIRIdentity.id("DetectedIssue/check-in/\(stored.id)"), status: "final",
            code: FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.rule, code: worst.rule), text: worst.message),
            severity: stored.triage.level == .emergency ? "high" : "moderate", patient: subject,
            identifiedDateTime: stored.checkIn.date.description,
            implicated: [style.reference("Observation", observation.id)],
            detail: stored.triage.reasons.filter { $0.level >= .urgent }.map(\.message).joined(separator: " "))
        return [observation, issue]
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
        .init(
            FHIRCodeableConcept(FHIRCodes.observation("triage-level", "Triage level"), text: "Triage level"),
            concept: FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.triageLevel, code: level.rawValue, display: level.label),
                text: level.label))
    }

    /// Each answered question of the check-in.
    private func components(of checkIn: CheckIn) -> [FHIRObservation.Component] {
        func code(_ code: String, _ words: String) -> FHIRCodeableConcept {
            FHIRCodeableConcept(FHIRCodes.observation(code, words), text: words)
        }
        var parts: [FHIRObservation.Component] = []
        for (key, value, words) in [
            ("pain-at-rest", checkIn.painAtRest, "Pain at rest"),
            ("pain-on-waking", checkIn.painMorning, "Pain on waking"),
        ] {
            guard let value else { continue }
            let concept = FHIRCodeableConcept([FHIRCodes.painScore, FHIRCodes.observation(key, words)], text: words)
            parts.append(.init(concept, quantity: Self.score(value)))
        }
        if let swelling = checkIn.swelling {
            let answer = FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.swelling, code: swelling.rawValue, display: swelling.rawValue.capitalized),
                text: swelling.rawValue.capitalized)
            parts.append(.init(code("swelling", "Swelling"), concept: answer))
        }
        if let temperature = checkIn.temperatureCelsius {
            parts.append(
                .init(
                    FHIRCodeableConcept(FHIRCodes.bodyTemperature, text: "Body temperature"),
                    quantity: FHIRQuantity(temperature, ucum: "Cel")))
        }
        let flags: [(String, Bool?, String)] = [
            ("wound-redness", checkIn.woundRedness, "Redness spreading around the wound"),
            ("wound-drainage", checkIn.woundDrainage, "Fluid leaking from the wound"),
            ("calf-pain-or-swelling", checkIn.calfPainOrSwelling, "Calf pain, tenderness or swelling"),
            ("chest-pain-or-breathless", checkIn.chestPainOrBreathless, "Chest pain or breathlessness"),
            ("knee-gave-way", checkIn.giveWay, "The knee gave way"),
            ("knee-locked", checkIn.kneeLocked, "The knee locked"),
            ("foot-numb-or-cold", checkIn.footNumbOrCold, "Foot numb, pale or cold"),
        ]
        for (key, value, words) in flags {
            if let value { parts.append(.init(code(key, words), boolean: value)) }
        }
        return parts
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
