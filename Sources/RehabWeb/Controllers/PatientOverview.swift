import Foundation
import RehabCore

/// Everything a clinician's patient page and summary need, loaded once: the record, today's plan, alerts, plan
/// revisions, questionnaire responses and every measurement.
struct PatientOverview: Sendable {
    let patient: Patient
    let record: PatientRecord
    let plan: Plan
    let alerts: [StoredAlert]
    let revisions: [PlanRevision]
    let responses: [QuestionnaireResponse]
    let measurements: MeasurementOverview

    static func load(_ patient: Patient, services: RehabServices, today: CalendarDate, by actor: AuditActor)
        async throws -> PatientOverview
    {
        let record = try await services.store.record(of: patient.id, by: actor)
        let plan = try services.engine.review(record, on: max(today, patient.surgery.date))
        let measurements = MeasurementOverview(
            entries: try await services.store.measurements(of: patient.id, by: actor), patient: patient,
            phase: plan.phase.id, catalog: services.catalog)
        return PatientOverview(
            patient: patient, record: record, plan: plan,
            alerts: try await services.store.alerts(of: patient.id, by: actor),
            revisions: try await services.store.planRevisions(of: patient.id, by: actor),
            responses: try await services.store.questionnaireResponses(of: patient.id, by: actor),
            measurements: measurements)
    }

    /// The newest score of each instrument.
    var latestScores: [Instrument: QuestionnaireResponse] {
        var latest: [Instrument: QuestionnaireResponse] = [:]
        for response in responses { latest[response.instrument] = response }
        return latest
    }

    /// The API's summary document.
    var document: Document {
        Document(
            id: patient.id, name: patient.name, email: patient.email, surgery: patient.surgery, phase: plan.phase,
            plan: plan, alerts: alerts.filter(\.isOpen).map(AlertDocument.init), adherence: plan.adherence,
            latestScores: Dictionary(uniqueKeysWithValues: latestScores.map { ($0.key.rawValue, $0.value.score) }),
            planRevision: revisions.last?.number)
    }

    struct Document: Encodable {
        let id: PatientID
        let name: String
        let email: String
        let surgery: Surgery
        let phase: PhaseReference
        let plan: Plan
        let alerts: [AlertDocument]
        let adherence: AdherenceSummary?
        let latestScores: [String: QuestionnaireScore]
        let planRevision: Int?
    }
}
