import Foundation
import RehabCore

/// Turns one patient's export into FHIR resources, in the order a reader meets them: the patient, the surgery or
/// condition, the episode of care, the plans, then what was recorded.
struct FHIRBuilder: Sendable {
    let export: PatientExport
    let catalog: Catalog
    let style: FHIRReferenceStyle
    /// The patient's id: the stored id itself, so the clinic's id and the FHIR id agree.
    let patientID: String
    /// The reference every resource makes to the patient.
    let subject: FHIRReference
    /// The concept of each exercise the sessions hold.
    let exerciseCodes: [ExerciseID: FHIRCodeableConcept]
    /// The alerts still open, which the export carries as `Flag`s.
    let openAlerts: [StoredAlert]

    init(export: PatientExport, catalog: Catalog, style: FHIRReferenceStyle) {
        self.export = export
        self.catalog = catalog
        self.style = style
        patientID = export.patient.id.description
        subject = style.reference("Patient", patientID)
        exerciseCodes = Self.exerciseCodes(export, catalog: catalog)
        openAlerts = export.alerts.filter(\.isOpen)
    }

    /// How many groups the resources come in: one for the patient, the surgery, the episode and the plans, then one
    /// for each session, check-in, measurement, questionnaire response and open alert.
    var groupCount: Int {
        1 + export.sessions.count + export.checkIns.count + export.measurements.count + export.responses.count
            + openAlerts.count
    }

    /// Makes the resources of one group and hands each to `sink` as it is made, in the order a reader meets them,
    /// so a writer can write them a group at a time without holding them.
    func group<Sink: FHIRResourceSink>(_ number: Int, into sink: inout Sink) throws(Sink.Failure) {
        guard number > 0 else {
            try sink.add(patient())
            try sink.add(indication())
            try sink.add(episodeOfCare())
            for plan in carePlans() { try sink.add(plan) }
            return
        }
        var index = number - 1
        if index < export.sessions.count { return try observations(of: export.sessions[index], into: &sink) }
        index -= export.sessions.count
        if index < export.checkIns.count {
            let (observation, issue) = resources(of: export.checkIns[index])
            try sink.add(observation)
            if let issue { try sink.add(issue) }
            return
        }
        index -= export.checkIns.count
        if index < export.measurements.count { return try sink.add(observation(of: export.measurements[index])) }
        index -= export.measurements.count
        if index < export.responses.count {
            let (response, score) = resources(of: export.responses[index])
            try sink.add(response)
            return try sink.add(score)
        }
        try sink.add(flag(for: openAlerts[index - export.responses.count]))
    }

    // MARK: - References

    /// The reference to a resource of `type` whose id is derived from `name`.
    func reference(_ type: String, _ name: String) -> FHIRReference {
        style.reference(type, FHIRIdentity.id(name))
    }

    /// A clinician by account id, as a logical reference: clinicians are not exported as resources.
    func clinician(_ id: AccountID) -> FHIRReference {
        FHIRReference(
            type: "Practitioner", identifier: FHIRIdentifier(system: FHIRCodes.accountIdentifier, value: id.description)
        )
    }

    var surgery: Surgery { export.record.surgery }

    /// Whether the pathway is a non-operative condition rather than a surgery.
    var isCondition: Bool { surgery.kind == .medialKneePain }

    /// The name the surgery or condition resource is derived from.
    var indicationName: String { "\(isCondition ? "Condition" : "Procedure")/patient/\(patientID)" }

    /// The reference to the surgery (`Procedure`) or the condition (`Condition`).
    var indicationReference: FHIRReference {
        reference(isCondition ? "Condition" : "Procedure", indicationName)
    }

    // MARK: - Patient, surgery, episode

    /// The patient: name and email as stored, and the KneeRehab id as an identifier.
    func patient() -> FHIRPatient {
        FHIRPatient(
            id: patientID,
            identifier: [FHIRIdentifier(system: FHIRCodes.patientIdentifier, value: patientID)], active: true,
            name: [FHIRHumanName(text: export.patient.name)],
            telecom: export.patient.email.isEmpty
                ? nil : [FHIRContactPoint(system: "email", value: export.patient.email)])
    }

    /// The surgery as a completed `Procedure`, or medial knee pain as a `Condition`.
    func indication() -> any FHIRResource {
        let pathway = FHIRCoding(system: FHIRCodes.pathway, code: surgery.kind.rawValue, display: pathwayName)
        let site = [FHIRCodes.knee(surgery.side)]
        let id = FHIRIdentity.id(indicationName)
        if isCondition {
            return FHIRCondition(
                id: id, code: FHIRCodeableConcept([FHIRCodes.kneePain, pathway], text: "Medial knee pain"),
                bodySite: site, subject: subject, recordedDate: surgery.date.description)
        }
        let codings = [FHIRCodes.snomedProcedure(surgery.kind), pathway].compactMap { $0 }
        return FHIRProcedure(
            id: id, status: "completed", code: FHIRCodeableConcept(codings, text: pathwayName), subject: subject,
            performedDateTime: surgery.date.description, bodySite: site)
    }

    /// The pathway's name, e.g. "ACL reconstruction".
    var pathwayName: String {
        switch surgery.kind {
        case .totalKneeReplacement: "Total knee replacement"
        case .aclReconstruction: "Anterior cruciate ligament reconstruction"
        case .meniscusRepair: "Meniscus repair"
        case .partialMeniscectomy: "Partial meniscectomy"
        case .mclReconstruction: "Medial collateral ligament reconstruction"
        case .medialKneePain: "Medial knee pain"
        }
    }

    /// The episode of care: from the surgery (or the start of care) to the discharge, when there is one.
    func episodeOfCare() -> FHIREpisodeOfCare {
        let discharge = export.record.discharge
        return FHIREpisodeOfCare(
            id: FHIRIdentity.id("EpisodeOfCare/patient/\(patientID)"), status: discharge == nil ? "active" : "finished",
            diagnosis: isCondition ? [FHIREpisodeOfCare.Diagnosis(condition: indicationReference)] : nil,
            patient: subject, careManager: clinician(export.patient.clinicianID),
            period: FHIRPeriod(start: surgery.date.description, end: discharge?.date.description))
    }
}

/// Where `FHIRBuilder.group(_:into:)` puts each resource it makes: the Bundle's or the NDJSON lines' writer.
protocol FHIRResourceSink {
    /// Why taking a resource can fail.
    associatedtype Failure: Error

    /// Takes the next resource.
    mutating func add(_ resource: some FHIRResource) throws(Failure)
}
