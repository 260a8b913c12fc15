/// One patient in the clinic's caseload as an admin sees it: who they are and who looks after them, no health data.
public struct CaseloadEntry: Sendable, Equatable {
    /// The patient.
    public var patientID: PatientID
    /// The patient's name.
    public var patientName: String
    /// The clinician who owns the patient.
    public var clinicianID: AccountID
    /// The clinician's name.
    public var clinicianName: String

    /// Makes a value.
    public init(patientID: PatientID, patientName: String, clinicianID: AccountID, clinicianName: String) {
        self.patientID = patientID
        self.patientName = patientName
        self.clinicianID = clinicianID
        self.clinicianName = clinicianName
    }
}
