import Foundation
import GRDB
import RehabCore
import RehabStorageKit

extension SQLiteStore {
    public func export(of patient: PatientID, by actor: AuditActor) async throws -> PatientExport {
        let export = try await read("export") { db in
            let (sql, arguments) = Visibility.clause(actor)
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "\(Self.patientSelect) WHERE p.id = ? AND \(sql)"),
                arguments: [patient.text] + arguments)
            guard let row else { throw StorageError(.notFound, "export: patient") }
            return PatientExport(
                patient: try Self.patient(row), sessions: try Self.sessions(db, patient),
                checkIns: try Self.checkIns(db, patient), measurements: try Self.measurements(db, patient),
                prescriptions: try Self.prescriptions(db, patient),
                responses: try Self.questionnaireResponses(db, patient), alerts: try Self.alerts(db, patient),
                revisions: try Self.planRevisions(db, patient))
        }
        try await write("export") { db in
            try Self.audit(db, actor, .recordRead, patient: patient)
            try Self.audit(db, actor, .recordExport, patient: patient)
        }
        return export
    }
}
