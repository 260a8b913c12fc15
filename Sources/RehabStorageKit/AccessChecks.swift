import RehabCore

/// The account checks both engines make before a write about accounts; a refusal is `notFound`, as for an account
/// that does not exist.
extension AuditActor {
    /// Fails unless the actor is an admin or the system.
    public func requireAdminOrSystem(_ context: String) throws {
        switch access {
        case .system, .admin: return
        case .clinician, .patient: throw StorageError(.notFound, "\(context): account")
        }
    }

    /// Fails unless the actor is the account `id` itself or the system.
    public func requireSelfOrSystem(_ id: AccountID, _ context: String) throws {
        if case .system = access { return }
        guard accountID == id else { throw StorageError(.notFound, "\(context): account") }
    }
}
