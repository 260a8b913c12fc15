import Foundation
import PostgresNIO
import RehabCore

extension PostgresStore: AlertRepository {
    public func raiseAlert(_ alert: NewAlert, for patient: PatientID, by actor: AuditActor) async throws -> StoredAlert
    {
        try await transaction("raiseAlert") { tx in
            try await tx.require(patient, actor, "raiseAlert")
            let stored = try await Self.insertAlert(tx, alert, patient, at: actor.at)
            try await tx.audit(actor, .alertRaise, patient: patient)
            return stored
        }
    }

    public func openAlerts(clinician: AccountID) async throws -> [StoredAlert] {
        try await transaction("openAlerts") { tx in
            try await tx.rows(
                """
                \(unescaped: Self.alertSelect) JOIN patients p ON p.id = a.patient_id
                WHERE p.clinician_id = \(clinician.rawValue) AND a.acknowledged_at IS NULL
                ORDER BY a.raised_at DESC, a.id
                """
            ).map(Self.alert)
        }
    }

    public func alerts(of patient: PatientID, by actor: AuditActor) async throws -> [StoredAlert] {
        try await transaction("alerts", snapshot: true) { tx in
            try await tx.require(patient, actor, "alerts")
            return try await Self.alerts(tx, patient)
        }
    }

    static func alerts(_ tx: StoreTransaction, _ patient: PatientID) async throws -> [StoredAlert] {
        try await tx.rows(
            "\(unescaped: Self.alertSelect) WHERE a.patient_id = \(patient.rawValue) ORDER BY a.raised_at DESC, a.id"
        ).map(Self.alert)
    }

    public func acknowledgeAlert(_ id: AlertID, by actor: AuditActor) async throws -> StoredAlert {
        try await transaction("acknowledgeAlert") { tx in
            let row = try await tx.first(
                """
                \(unescaped: Self.alertSelect) JOIN patients p ON p.id = a.patient_id
                WHERE a.id = \(id.rawValue) AND \(visibleTo: actor) FOR UPDATE OF a
                """)
            guard let row else { throw StorageError(.notFound, "acknowledgeAlert: alert") }
            var alert = try Self.alert(row)
            if alert.isOpen {
                guard let by = actor.accountID else { throw StorageError(.invalid, "acknowledgeAlert: account") }
                alert.acknowledgedBy = by
                alert.acknowledgedAt = actor.at
                try await tx.execute(
                    """
                    UPDATE alerts SET acknowledged_by = \(by.rawValue), acknowledged_at = \(actor.at)
                    WHERE id = \(id.rawValue)
                    """)
                try await tx.audit(actor, .alertAcknowledge, patient: alert.patientID)
            }
            return alert
        }
    }

    // MARK: - Rows

    static let alertSelect = """
        SELECT a.id, a.patient_id, a.level, a.rule, a.message, a.raised_at, a.acknowledged_by, a.acknowledged_at
        FROM alerts a
        """

    static func insertAlert(
        _ tx: StoreTransaction, _ alert: NewAlert, _ patient: PatientID, at: Date
    ) async throws -> StoredAlert {
        let stored = StoredAlert(
            id: .generate(), patientID: patient, level: alert.level, rule: alert.rule, message: alert.message,
            raisedAt: at)
        try await tx.execute(
            """
            INSERT INTO alerts (id, patient_id, level, rule, message, raised_at) VALUES (\(stored.id.rawValue),
            \(patient.rawValue), \(alert.level.rawValue), \(alert.rule), \(alert.message), \(at))
            """)
        if alert.level.isRedFlag {
            try await insertMail(
                tx, NewOutboxMail(kind: .alertNotice, patientID: patient, alertID: stored.id, dueAt: at), at: at)
        }
        return stored
    }

    static func level(_ text: String) throws -> AlertLevel {
        guard let level = AlertLevel(rawValue: text) else { throw StorageError(.invalid, "alerts.level") }
        return level
    }

    static func alert(_ row: PostgresRow) throws -> StoredAlert {
        let (id, patient, level, rule, message, raisedAt, by, at) = try row.decode(
            (UUID, UUID, String, String, String, Date, UUID?, Date?).self)
        return StoredAlert(
            id: Column.id(id), patientID: Column.id(patient), level: try Self.level(level), rule: rule,
            message: message,
            raisedAt: raisedAt, acknowledgedBy: by.map { Column.id($0) }, acknowledgedAt: at)
    }
}
