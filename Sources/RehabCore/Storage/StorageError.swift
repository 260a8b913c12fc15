/// A storage failure, shaped after SwiftNIO's errors: a small extensible code plus a context that names only
/// the operation and the kind of thing — never a patient's name, email, notes or any other stored value.
public struct StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms a caller acts on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The thing does not exist, or the caller may not see it (the API answers both with 404).
        public static let notFound = Code("notFound")
        /// Another write got there first (a unique row, a moved revision); the caller may read again and retry.
        public static let conflict = Code("conflict")
        /// An email address is already in use by another account; retrying cannot succeed.
        public static let emailInUse = Code("emailInUse")
        /// An idempotency key came back with another request than the one it was first used with; retrying with
        /// the same key cannot succeed.
        public static let keyReused = Code("keyReused")
        /// The database could not be reached or the write could not finish; retrying later may help.
        public static let unavailable = Code("unavailable")
        /// The disk holding the database is full: nothing of the write was stored, and retrying once space is
        /// freed succeeds.
        public static let full = Code("full")
        /// The stored data or the request broke a rule of the schema.
        public static let invalid = Code("invalid")

        public var description: String { name }
    }

    /// The code.
    public let code: Code
    /// The operation and the kind of thing, e.g. `recordSession: patient`; free of stored values.
    public let context: String

    /// Makes an error.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "storage \(code): \(context)" }
}
