/// Everything exported about one patient: the values `RehabInterop`'s encoders take.
///
/// The encoders do no I/O: `RehabServices.exportData` reads these values (and audits the export), then the command
/// line or the web app hands them in. The stored lists carry the ids that keep exported ids stable; `record`
/// supplies the surgery and the discharge in force.
public struct PatientExport: Sendable {
    /// The patient.
    public var patient: Patient
    /// The record in force: surgery, sessions, check-ins, measurements in force, prescriptions, discharge.
    public var record: PatientRecord
    /// Every stored session.
    public var sessions: [StoredSession]
    /// Every stored check-in, with its triage.
    public var checkIns: [StoredCheckIn]
    /// Every stored measurement, struck ones included with their strike.
    public var measurements: [StoredMeasurement]
    /// Every questionnaire response with its score.
    public var responses: [QuestionnaireResponse]
    /// The patient's alerts, open and acknowledged.
    public var alerts: [StoredAlert]
    /// Every plan revision, oldest first.
    public var revisions: [PlanRevision]

    /// Makes an export.
    public init(
        patient: Patient, record: PatientRecord, sessions: [StoredSession] = [], checkIns: [StoredCheckIn] = [],
        measurements: [StoredMeasurement] = [], responses: [QuestionnaireResponse] = [], alerts: [StoredAlert] = [],
        revisions: [PlanRevision] = []
    ) {
        self.patient = patient
        self.record = record
        self.sessions = sessions
        self.checkIns = checkIns
        self.measurements = measurements
        self.responses = responses
        self.alerts = alerts
        self.revisions = revisions
    }
}

extension RehabServices {
    /// Reads everything exported about a patient and records the export in the audit log.
    public func exportData(of patient: PatientID, by actor: AuditActor) async throws -> PatientExport {
        try await store.export(of: patient, by: actor)
    }
}
