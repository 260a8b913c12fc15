import Foundation
import GRDB
import RehabCore

extension SQLiteStore: AlertRepository {
    public func raiseAlert(_ alert: NewAlert, for patient: PatientID, by actor: AuditActor) async throws -> StoredAlert
    {
        try await write("raiseAlert") { db in
            try Visibility.require(db, patient, actor, "raiseAlert")
            let stored = try Self.insertAlert(db, alert, patient, at: actor.at)
            try Self.audit(db, actor, .alertRaise, patient: patient)
            return stored
        }
    }

    public func openAlerts(clinician: AccountID) async throws -> [StoredAlert] {
        try await read("openAlerts") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.* FROM alerts a JOIN patients p ON p.id = a.patient_id
                        WHERE p.clinician_id = ? AND a.acknowledged_at IS NULL ORDER BY a.raised_at DESC, a.id
                        """), arguments: [clinician.text]
            ).map(Self.alert)
        }
    }

    public func alerts(of patient: PatientID, by actor: AuditActor) async throws -> [StoredAlert] {
        try await read("alerts") { db in
            try Visibility.require(db, patient, actor, "alerts")
            return try Self.alerts(db, patient)
        }
    }

    static func alerts(_ db: Database, _ patient: PatientID) throws -> [StoredAlert] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM alerts WHERE patient_id = ? ORDER BY raised_at DESC, id"),
            arguments: [patient.text]
        ).map(Self.alert)
    }

    public func acknowledgeAlert(_ id: AlertID, by actor: AuditActor) async throws -> StoredAlert {
        try await write("acknowledgeAlert") { db in
            let (sql, arguments) = Visibility.clause(actor)
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT a.* FROM alerts a JOIN patients p ON p.id = a.patient_id WHERE a.id = ? AND \(sql)"),
                arguments: [id.text] + arguments)
            guard let row else { throw StorageError(.notFound, "acknowledgeAlert: alert") }
            var alert = try Self.alert(row)
            if alert.isOpen {
                alert.acknowledgedBy = actor.accountID
                alert.acknowledgedAt = actor.at
                guard let by = actor.accountID else { throw StorageError(.invalid, "acknowledgeAlert: account") }
                try db.cachedStatement(
                    sql: "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?"
                ).execute(
                    arguments: [by.text, actor.at.ms, id.text])
                try Self.audit(db, actor, .alertAcknowledge, patient: alert.patientID)
            }
            return alert
        }
    }

    // MARK: - Rows

    static func insertAlert(_ db: Database, _ alert: NewAlert, _ patient: PatientID, at: Date) throws -> StoredAlert {
        let stored = StoredAlert(
            id: .generate(), patientID: patient, level: alert.level, rule: alert.rule, message: alert.message,
            raisedAt: at)
        try db.cachedStatement(
            sql: "INSERT INTO alerts (id, patient_id, level, rule, message, raised_at) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(
            arguments: [stored.id.text, patient.text, alert.level.rawValue, alert.rule, alert.message, at.ms])
        if alert.level.isRedFlag {
            try insertMail(
                db, NewOutboxMail(kind: .alertNotice, patientID: patient, alertID: stored.id, dueAt: at), at: at)
        }
        return stored
    }

    static func level(_ row: Row) throws -> AlertLevel {
        guard let level = AlertLevel(rawValue: try row.string("level")) else {
            throw StorageError(.invalid, "alerts.level")
        }
        return level
    }

    static func signal(_ row: Row) throws -> Worklist.AlertSignal {
        Worklist.AlertSignal(level: try level(row), rule: try row.string("rule"))
    }

    static func alert(_ row: Row) throws -> StoredAlert {
        StoredAlert(
            id: try row.uuid("id"), patientID: try row.uuid("patient_id"), level: try level(row),
            rule: try row.string("rule"), message: try row.string("message"), raisedAt: try row.time("raised_at"),
            acknowledgedBy: try row.optionalUUID("acknowledged_by"), acknowledgedAt: row.optionalTime("acknowledged_at")
        )
    }
}
