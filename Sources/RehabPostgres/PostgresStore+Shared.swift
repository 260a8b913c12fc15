import Foundation
import PostgresNIO
import RehabCore

extension PostgresStore: AuditLog {
    public func appendAudit(_ entry: AuditEntry) async throws {
        try await transaction("appendAudit") { tx in try await tx.insertAudit(entry) }
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
        try await transaction(context) { tx in
            try await tx.rows(
                """
                SELECT l.id, l.account_id, l.action, l.patient_id, l.at, l.origin, a.name, a.email, a.role, p.name,
                l.subject_account_id, s.email
                FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id LEFT JOIN patients p ON p.id = l.patient_id
                LEFT JOIN accounts s ON s.id = l.subject_account_id
                WHERE (\(query.patientID?.rawValue)::uuid IS NULL OR l.patient_id = \(query.patientID?.rawValue)::uuid)
                AND (\(query.accountID?.rawValue)::uuid IS NULL OR l.account_id = \(query.accountID?.rawValue)::uuid)
                AND (\(query.action?.rawValue)::text IS NULL OR l.action = \(query.action?.rawValue)::text)
                AND (\(query.from)::timestamptz IS NULL OR l.at >= \(query.from)::timestamptz)
                AND (\(query.until)::timestamptz IS NULL OR l.at < \(query.until)::timestamptz)
                ORDER BY l.at DESC, l.seq DESC LIMIT \(query.limit)
                """
            ).map { row in
                let (id, account, action, patient, at, origin, name, email, role, patientName, subject, subjectEmail) =
                    try row.decode(
                        (UUID, UUID?, String, UUID?, Date, String, String?, String?, String?, String?, UUID?, String?)
                            .self)
                return AuditTrailEntry(
                    entry: AuditEntry(
                        id: Column.id(id), accountID: account.map { Column.id($0) },
                        action: AuditAction(rawValue: action), patientID: patient.map { Column.id($0) }, at: at,
                        origin: origin, subjectAccountID: subject.map { Column.id($0) }),
                    accountName: name, accountEmail: email, accountRole: role.flatMap(AccountRole.init(rawValue:)),
                    patientName: patientName, subjectEmail: subjectEmail)
            }
        }
    }
}

extension PostgresStore: IdempotencyStore {
    public func storedResponse(for key: IdempotencyKey) async throws -> StoredResponse? {
        try await transaction("storedResponse") { tx in try await Self.replay(tx, key) }
    }

    public func storeResponse(_ response: StoredResponse, for key: IdempotencyKey, at: Date) async throws {
        try await transaction("storeResponse") { tx in
            if try await Self.saveResponse(tx, response, key, at: at) { return }
            _ = try await Self.replay(tx, key)
        }
    }

    /// The stored response for `key`; `conflict` when the key was used with another request.
    static func replay(_ tx: StoreTransaction, _ key: IdempotencyKey) async throws -> StoredResponse? {
        let row = try await tx.first(
            """
            SELECT request_hash, status, body FROM idempotency_keys
            WHERE account_id = \(key.accountID.rawValue) AND key = \(key.key)
            """)
        guard let row else { return nil }
        let (hash, status, body) = try row.decode((String, Int, Data).self)
        return try StoreTransaction.replay(key, hash: hash, status: status, body: body)
    }

    /// Stores the response unless the key is already there (`ON CONFLICT DO NOTHING`); false when it was.
    static func saveResponse(
        _ tx: StoreTransaction, _ response: StoredResponse, _ key: IdempotencyKey, at: Date
    ) async throws -> Bool {
        let inserted = try await tx.rows(
            """
            INSERT INTO idempotency_keys (account_id, key, request_hash, status, body, created_at)
            VALUES (\(key.accountID.rawValue), \(key.key), \(key.requestHash), \(response.status), \(response.body),
            \(at)) ON CONFLICT (account_id, key) DO NOTHING RETURNING 1
            """)
        return !inserted.isEmpty
    }
}

extension PostgresStore: SignInStore {
    public func createSignIn(_ session: SignInToken) async throws {
        try await transaction("createSignIn") { tx in
            try await tx.execute(
                """
                INSERT INTO web_sessions (token_hash, account_id, expires_at, csrf_token, created_at, last_seen_at,
                idle_seconds, enrolment_only)
                VALUES (\(session.tokenHash), \(session.accountID.rawValue), \(session.expiresAt), \(session.formToken),
                \(session.createdAt), \(session.lastSeenAt), \(session.idleSeconds), \(session.enrolmentOnly))
                """)
        }
    }

    public func signInToken(tokenHash: String, now: Date) async throws -> SignInToken? {
        try await transaction("signInToken") { tx in try await Self.signInToken(tx, tokenHash, now) }
    }

    public func signedIn(tokenHash: String, now: Date) async throws -> SignedIn? {
        try await transaction("signedIn", snapshot: true) { tx in
            guard let session = try await Self.signInToken(tx, tokenHash, now) else { return nil }
            let row = try await tx.first("\(unescaped: Self.accountSelect) WHERE id = \(session.accountID.rawValue)")
            guard let row else { return nil }
            let account = try Self.account(row)
            let patient =
                account.role == .patient
                ? try await tx.first("\(unescaped: Self.patientSelect) WHERE p.account_id = \(account.id.rawValue)")
                    .map(Self.patient) : nil
            return SignedIn(session: session, account: account, patient: patient)
        }
    }

    static func signInToken(_ tx: StoreTransaction, _ tokenHash: String, _ now: Date) async throws -> SignInToken? {
        let row = try await tx.first(
            """
            SELECT token_hash, account_id, expires_at, csrf_token, created_at, last_seen_at, idle_seconds,
            enrolment_only FROM web_sessions
            WHERE token_hash = \(tokenHash) AND expires_at > \(now)
            AND last_seen_at + idle_seconds * interval '1 second' > \(now)
            """)
        return try row.map { row in
            let (token, account, expires, csrf, created, seen, idle, enrolmentOnly) = try row.decode(
                (String, UUID, Date, String, Date, Date, Int32, Bool).self)
            return SignInToken(
                tokenHash: token, accountID: Column.id(account), expiresAt: expires, formToken: csrf,
                createdAt: created,
                lastSeenAt: seen, idleSeconds: Int(idle), enrolmentOnly: enrolmentOnly)
        }
    }

    public func touchSignIn(tokenHash: String, at: Date) async throws {
        try await transaction("touchSignIn") { tx in
            try await tx.execute(
                "UPDATE web_sessions SET last_seen_at = \(at) WHERE token_hash = \(tokenHash) AND last_seen_at < \(at)")
        }
    }

    public func deleteSignIn(tokenHash: String) async throws {
        try await transaction("deleteSignIn") { tx in
            try await tx.execute("DELETE FROM web_sessions WHERE token_hash = \(tokenHash)")
        }
    }

    public func deleteExpiredSignIns(now: Date) async throws -> Int {
        try await transaction("deleteExpiredSignIns") { tx in
            try await tx.rows(
                """
                DELETE FROM web_sessions
                WHERE expires_at <= \(now) OR last_seen_at + idle_seconds * interval '1 second' <= \(now) RETURNING 1
                """
            ).count
        }
    }
}
