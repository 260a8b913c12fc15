import RehabCore

extension PatientExport {
    /// An export of what an engine read in one snapshot. The record in force is made of the same stored lists (struck
    /// measurements left out), as the engines' record reads make it, so no document is decoded twice.
    package init(
        patient: Patient, sessions: [StoredSession], checkIns: [StoredCheckIn], measurements: [StoredMeasurement],
        prescriptions: [Prescription], responses: [QuestionnaireResponse], alerts: [StoredAlert],
        revisions: [PlanRevision]
    ) {
        let record = PatientRecord(
            surgery: patient.surgery, phase: patient.confirmedPhase, sessions: sessions.map(\.session),
            checkIns: checkIns.map(\.checkIn),
            measurements: measurements.filter { $0.strike == nil }.map(\.measurement), prescriptions: prescriptions,
            discharge: patient.discharge)
        self.init(
            patient: patient, record: record, sessions: sessions, checkIns: checkIns, measurements: measurements,
            responses: responses, alerts: alerts, revisions: revisions)
    }
}
