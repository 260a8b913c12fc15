import Foundation
import PostgresNIO
import RehabCore
import RehabStorageKit

extension PostgresStore {
    public func export(of patient: PatientID, by actor: AuditActor) async throws -> PatientExport {
        try await transaction("export", snapshot: true) { tx in
            let row = try await tx.first(
                "\(unescaped: Self.patientSelect) WHERE p.id = \(patient.rawValue) AND \(visibleTo: actor)")
            guard let row else { throw StorageError(.notFound, "export: patient") }
            let prescriptions = try await tx.rows(
                """
                SELECT prescription_json::text FROM prescriptions WHERE patient_id = \(patient.rawValue)
                ORDER BY date, created_at, seq
                """
            ).map { row in try Column.document(try row.decode(String.self), as: Prescription.self, "prescriptions") }
            let export = PatientExport(
                patient: try Self.patient(row), sessions: try await Self.sessions(tx, patient),
                checkIns: try await Self.checkIns(tx, patient), measurements: try await Self.measurements(tx, patient),
                prescriptions: prescriptions, responses: try await Self.questionnaireResponses(tx, patient),
                alerts: try await Self.alerts(tx, patient), revisions: try await Self.planRevisions(tx, patient))
            try await tx.audit(actor, .recordRead, patient: patient)
            try await tx.audit(actor, .recordExport, patient: patient)
            return export
        }
    }
}
