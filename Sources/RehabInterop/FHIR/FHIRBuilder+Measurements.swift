import RehabCore

/// Measurements as `exam` `Observation`s in UCUM units; a struck-out one keeps its value with status
/// `entered-in-error` and the reason in a note.
extension FHIRBuilder {
    /// One stored measurement.
    func observation(of stored: StoredMeasurement) -> FHIRObservation {
        let measurement = stored.measurement
        let spec = catalog.measurements.spec(measurement.kind)
        var observation = FHIRObservation(
            id: FHIRIdentity.id("Observation/measurement/\(stored.id)"),
            status: stored.strike == nil ? "final" : "entered-in-error", category: .exam,
            code: FHIRCodeableConcept(
                FHIRCodes.observation(measurement.kind.rawValue, spec.name), text: spec.name),
            subject: subject, effective: measurement.date.description)
        observation.issued = FHIRTime.instant(stored.createdAt)
        observation.valueQuantity = FHIRQuantity(measurement.value, ucum: spec.unit.ucum)
        observation.bodySite = bodySite(measurement.kind, measurement.side)
        if let method = measurement.method {
            observation.method = FHIRCodeableConcept(
                FHIRCoding(system: FHIRCodes.measurementMethod, code: method.rawValue, display: method.label),
                text: method.label)
        }
        var notes: [FHIRAnnotation] = []
        if let note = measurement.note, !note.isEmpty { notes.append(FHIRAnnotation(text: note)) }
        if let strike = stored.strike {
            notes.append(
                FHIRAnnotation(
                    authorReference: strike.by.map(clinician), time: FHIRTime.instant(strike.at),
                    text: "Struck out: \(strike.reason)"))
        }
        observation.note = notes.isEmpty ? nil : notes
        return observation
    }

    /// The knee for the knee's own angles; otherwise the leg in words, as no sourced code names a whole leg here.
    private func bodySite(_ kind: MeasurementKind, _ side: Side) -> FHIRCodeableConcept {
        switch kind {
        case .kneeFlexion, .kneeExtension, .extensorLag: FHIRCodes.knee(side)
        default: FHIRCodeableConcept(text: side == .left ? "Left leg" : "Right leg")
        }
    }
}

extension MeasurementUnit {
    /// The UCUM code of the unit.
    var ucum: String {
        switch self {
        case .degrees: "deg"
        case .seconds: "s"
        case .newtons: "N"
        case .centimetres: "cm"
        }
    }
}
