import Foundation
import PostgresNIO
import RehabCore

extension PostgresStore: MessageRepository {
    public func postMessage(
        _ message: NewMessage, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Message) throws -> StoredResponse
    ) async throws -> WriteOutcome<Message> {
        guard MessageRules.mayWrite(message.author, actor) else { throw StorageError(.notFound, "postMessage") }
        return try await idempotent("postMessage", message.patientID, idempotency, actor, respond) { tx in
            let stored = Message(
                id: message.id, patientID: message.patientID, author: message.author,
                authorAccountID: message.author == .program ? nil : actor.accountID, text: message.text,
                sentAt: actor.at)
            try await tx.execute(
                """
                INSERT INTO messages (id, patient_id, author, author_account_id, text, sent_at)
                VALUES (\(stored.id.rawValue), \(stored.patientID.rawValue), \(stored.author.rawValue),
                \(stored.authorAccountID?.rawValue), \(stored.text), \(actor.at))
                """)
            try await tx.audit(actor, .messageCreate, patient: message.patientID)
            return stored
        }
    }

    public func messages(of patient: PatientID, by actor: AuditActor) async throws -> [Message] {
        try await transaction("messages") { tx in
            try await tx.require(patient, actor, "messages")
            if let clinicians = MessageRules.readsClinicianMessages(actor) {
                try await tx.execute(
                    """
                    UPDATE messages SET read_at = \(actor.at) WHERE patient_id = \(patient.rawValue)
                    AND read_at IS NULL AND (author = 'clinician') = \(clinicians)
                    """)
            }
            try await tx.audit(actor, .messageRead, patient: patient)
            return try await tx.rows(
                """
                SELECT id, patient_id, author, author_account_id, text, sent_at, read_at FROM messages
                WHERE patient_id = \(patient.rawValue) ORDER BY sent_at, seq
                """
            ).map(Self.message)
        }
    }

    public func unreadMessages(clinician: AccountID) async throws -> [PatientID: Int] {
        try await transaction("unreadMessages", snapshot: true) { tx in
            var counts: [PatientID: Int] = [:]
            for row in try await tx.rows(
                """
                SELECT m.patient_id, count(*)::int8 FROM messages m JOIN patients p ON p.id = m.patient_id
                WHERE p.clinician_id = \(clinician.rawValue) AND m.read_at IS NULL AND m.author <> 'clinician'
                GROUP BY m.patient_id
                """)
            {
                let (patient, count) = try row.decode((UUID, Int64).self)
                counts[Column.id(patient)] = Int(count)
            }
            return counts
        }
    }

    public func unreadMessageCount(patient: PatientID) async throws -> Int {
        try await transaction("unreadMessageCount", snapshot: true) { tx in
            let row = try await tx.first(
                """
                SELECT count(*)::int8 FROM messages WHERE patient_id = \(patient.rawValue) AND read_at IS NULL
                AND author = 'clinician'
                """)
            return Int(try row?.decode(Int64.self) ?? 0)
        }
    }

    static func message(_ row: PostgresRow) throws -> Message {
        let (id, patient, authorText, account, text, sentAt, readAt) = try row.decode(
            (UUID, UUID, String, UUID?, String, Date, Date?).self)
        guard let author = MessageAuthor(rawValue: authorText) else { throw StorageError(.invalid, "messages.author") }
        return Message(
            id: Column.id(id), patientID: Column.id(patient), author: author,
            authorAccountID: account.map { Column.id($0) }, text: text, sentAt: sentAt, readAt: readAt)
    }
}
