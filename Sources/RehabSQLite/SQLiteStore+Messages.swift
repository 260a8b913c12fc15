import Foundation
import GRDB
import RehabCore

extension SQLiteStore: MessageRepository {
    public func postMessage(
        _ message: NewMessage, idempotency: IdempotencyKey?, by actor: AuditActor,
        respond: @escaping @Sendable (Message) throws -> StoredResponse
    ) async throws -> WriteOutcome<Message> {
        try await idempotent("postMessage", idempotency, actor, respond) { db in
            guard MessageRules.mayWrite(message.author, actor) else { throw StorageError(.notFound, "postMessage") }
            try Visibility.require(db, message.patientID, actor, "postMessage")
            let stored = try Self.insertMessage(db, message, account: actor.accountID, at: actor.at)
            try Self.audit(db, actor, .messageCreate, patient: message.patientID)
            return stored
        }
    }

    public func messages(of patient: PatientID, by actor: AuditActor) async throws -> [Message] {
        try await write("messages") { db in
            try Visibility.require(db, patient, actor, "messages")
            if let clinicians = MessageRules.readsClinicianMessages(actor) {
                try db.cachedStatement(
                    sql: """
                        UPDATE messages SET read_at = ? WHERE patient_id = ? AND read_at IS NULL
                        AND (author = ?) = ?
                        """
                ).execute(arguments: [actor.at.ms, patient.text, MessageAuthor.clinician.rawValue, clinicians])
            }
            try Self.audit(db, actor, .messageRead, patient: patient)
            return try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM messages WHERE patient_id = ? ORDER BY sent_at, rowid"),
                arguments: [patient.text]
            ).map(Self.message)
        }
    }

    public func unreadMessages(clinician: AccountID) async throws -> [PatientID: Int] {
        try await read("unreadMessages") { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT m.patient_id, COUNT(*) AS unread FROM messages m JOIN patients p ON p.id = m.patient_id
                        WHERE p.clinician_id = ? AND m.read_at IS NULL AND m.author <> 'clinician'
                        GROUP BY m.patient_id
                        """), arguments: [clinician.text])
            var counts: [PatientID: Int] = [:]
            for row in rows { counts[try row.uuid("patient_id")] = row["unread"] }
            return counts
        }
    }

    public func unreadMessageCount(patient: PatientID) async throws -> Int {
        try await read("unreadMessageCount") { db in
            try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*) FROM messages WHERE patient_id = ? AND read_at IS NULL AND author = 'clinician'
                        """), arguments: [patient.text]) ?? 0
        }
    }

    /// Inserts a message row.
    static func insertMessage(_ db: Database, _ message: NewMessage, account: AccountID?, at: Date) throws -> Message {
        let stored = Message(
            id: message.id, patientID: message.patientID, author: message.author,
            authorAccountID: message.author == .program ? nil : account, text: message.text, sentAt: at)
        try db.cachedStatement(
            sql: """
                INSERT INTO messages (id, patient_id, author, author_account_id, text, sent_at) VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                stored.id.text, stored.patientID.text, stored.author.rawValue, stored.authorAccountID?.text,
                stored.text, at.ms,
            ])
        return stored
    }

    static func message(_ row: Row) throws -> Message {
        guard let author = MessageAuthor(rawValue: try row.string("author")) else {
            throw StorageError(.invalid, "messages.author")
        }
        return Message(
            id: try row.uuid("id"), patientID: try row.uuid("patient_id"), author: author,
            authorAccountID: try row.optionalUUID("author_account_id"), text: try row.string("text"),
            sentAt: try row.time("sent_at"), readAt: row.optionalTime("read_at"))
    }
}
