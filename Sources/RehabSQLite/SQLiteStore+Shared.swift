import Foundation
import GRDB
import RehabCore

extension SQLiteStore: AuditLog {
    public func appendAudit(_ entry: AuditEntry) async throws {
        try await write("appendAudit") { db in try Self.insertAudit(db, entry) }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await auditRows("auditEntries", query).map(\.entry)
    }

    public func auditTrail(_ query: AuditQuery, by actor: AuditActor) async throws -> [AuditTrailEntry] {
        switch actor.access {
        case .admin, .system: return try await auditRows("auditTrail", query)
        case .clinician, .patient: throw StorageError(.notFound, "auditTrail")
        }
    }

    private func auditRows(_ context: String, _ query: AuditQuery) async throws -> [AuditTrailEntry] {
        try await read(context) { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT l.*, a.name AS account_name, a.email AS account_email, a.role AS account_role,
                        p.name AS patient_name, s.email AS subject_email FROM audit_log l
                        LEFT JOIN accounts a ON a.id = l.account_id LEFT JOIN patients p ON p.id = l.patient_id
                        LEFT JOIN accounts s ON s.id = l.subject_account_id
                        WHERE (?1 IS NULL OR l.patient_id = ?1) AND (?2 IS NULL OR l.account_id = ?2)
                        AND (?3 IS NULL OR l.action = ?3) AND (?4 IS NULL OR l.at >= ?4) AND (?5 IS NULL OR l.at < ?5)
                        ORDER BY l.at DESC, l.rowid DESC LIMIT ?6
                        """),
                arguments: [
                    query.patientID?.text, query.accountID?.text, query.action?.rawValue, query.from?.ms,
                    query.until?.ms, query.limit,
                ]
            ).map { row in
                AuditTrailEntry(
                    entry: AuditEntry(
                        id: try row.uuid("id"), accountID: try row.optionalUUID("account_id"),
                        action: AuditAction(rawValue: try row.string("action")),
                        patientID: try row.optionalUUID("patient_id"),
                        at: try row.time("at"), origin: try row.string("origin"),
                        subjectAccountID: try row.optionalUUID("subject_account_id")),
                    accountName: row["account_name"], accountEmail: row["account_email"],
                    accountRole: (row["account_role"] as String?).flatMap(AccountRole.init(rawValue:)),
                    patientName: row["patient_name"], subjectEmail: row["subject_email"])
            }
        }
    }
}

extension SQLiteStore: IdempotencyStore {
    public func storedResponse(for key: IdempotencyKey) async throws -> StoredResponse? {
        try await read("storedResponse") { db in try Self.replay(db, key) }
    }

    public func storeResponse(_ response: StoredResponse, for key: IdempotencyKey, at: Date) async throws {
        try await write("storeResponse") { db in
            if try Self.replay(db, key) != nil { return }
            try Self.saveResponse(db, response, key, at: at)
        }
    }

    /// The stored response for `key`; `conflict` when the key was used with another request.
    static func replay(_ db: Database, _ key: IdempotencyKey) throws -> StoredResponse? {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT request_hash, status, body FROM idempotency_keys WHERE account_id = ? AND key = ?"),
            arguments: [key.accountID.text, key.key])
        guard let row else { return nil }
        guard try row.string("request_hash") == key.requestHash else {
            throw StorageError(.keyReused, "idempotency key")
        }
        return StoredResponse(status: row["status"] ?? 0, body: row["body"] ?? Data())
    }

    static func saveResponse(_ db: Database, _ response: StoredResponse, _ key: IdempotencyKey, at: Date) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO idempotency_keys (account_id, key, request_hash, status, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [key.accountID.text, key.key, key.requestHash, response.status, response.body, at.ms])
    }
}

extension SQLiteStore: SignInStore {
    public func createSignIn(_ session: SignInToken) async throws {
        try await write("createSignIn") { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO web_sessions (token_hash, account_id, expires_at, csrf_token, created_at, last_seen_at,
                    idle_seconds, enrolment_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    session.tokenHash, session.accountID.text, session.expiresAt.ms, session.formToken,
                    session.createdAt.ms, session.lastSeenAt.ms, session.idleSeconds, session.enrolmentOnly,
                ])
        }
    }

    public func signInToken(tokenHash: String, now: Date) async throws -> SignInToken? {
        try await read("signInToken") { db in try Self.signInToken(db, tokenHash, now) }
    }

    public func signedIn(tokenHash: String, now: Date) async throws -> SignedIn? {
        try await read("signedIn") { db in
            guard let session = try Self.signInToken(db, tokenHash, now) else { return nil }
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [session.accountID.text])
            guard let row else { return nil }
            let account = try Self.account(row)
            let patient =
                account.role == .patient
                ? try Row.fetchOne(
                    db.cachedStatement(sql: "\(Self.patientSelect) WHERE p.account_id = ?"),
                    arguments: [account.id.text]
                ).map(Self.patient) : nil
            return SignedIn(session: session, account: account, patient: patient)
        }
    }

    static func signInToken(_ db: Database, _ tokenHash: String, _ now: Date) throws -> SignInToken? {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT * FROM web_sessions
                    WHERE token_hash = ? AND expires_at > ? AND last_seen_at + idle_seconds * 1000 > ?
                    """), arguments: [tokenHash, now.ms, now.ms])
        return try row.map { row in
            SignInToken(
                tokenHash: try row.string("token_hash"), accountID: try row.uuid("account_id"),
                expiresAt: try row.time("expires_at"), formToken: try row.string("csrf_token"),
                createdAt: try row.time("created_at"), lastSeenAt: try row.time("last_seen_at"),
                idleSeconds: row["idle_seconds"] as Int? ?? 0, enrolmentOnly: row["enrolment_only"] as Bool? ?? false)
        }
    }

    public func touchSignIn(tokenHash: String, at: Date) async throws {
        try await write("touchSignIn") { db in
            try db.cachedStatement(
                sql: "UPDATE web_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?"
            )
            .execute(arguments: [at.ms, tokenHash, at.ms])
        }
    }

    public func deleteSignIn(tokenHash: String) async throws {
        try await write("deleteSignIn") { db in
            try db.cachedStatement(sql: "DELETE FROM web_sessions WHERE token_hash = ?").execute(arguments: [tokenHash])
        }
    }

    public func deleteExpiredSignIns(now: Date) async throws -> Int {
        try await write("deleteExpiredSignIns") { db in
            try db.cachedStatement(
                sql: "DELETE FROM web_sessions WHERE expires_at <= ? OR last_seen_at + idle_seconds * 1000 <= ?"
            ).execute(arguments: [now.ms, now.ms])
            return db.changesCount
        }
    }
}
