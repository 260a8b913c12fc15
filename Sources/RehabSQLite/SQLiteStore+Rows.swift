import Foundation
import GRDB
import RehabCore
import RehabStorageKit

/// Row reading shared by the repositories: every read goes through here so a bad stored value is an
/// `invalid` error that names the table, never a crash or a message with the value in it.
extension Row {
    func string(_ column: String) throws(StorageError) -> String {
        guard let value = self[column] as String? else { throw StorageError(.invalid, "column \(column)") }
        return value
    }

    func uuid<ID: StorageIdentifier>(_ column: String, as type: ID.Type = ID.self) throws(StorageError) -> ID {
        try Self.uuid(self[column], column)
    }

    func optionalUUID<ID: StorageIdentifier>(_ column: String, as type: ID.Type = ID.self) throws(StorageError)
        -> ID?
    {
        guard let text = self[column] as String? else { return nil }
        return try Self.uuid(text, column)
    }

    func time(_ column: String) throws(StorageError) -> Date {
        try Self.time(self[column], column)
    }

    func optionalTime(_ column: String) -> Date? {
        (self[column] as Int64?).map(StorageCoding.date(milliseconds:))
    }

    func day(_ column: String) throws(StorageError) -> CalendarDate {
        try StorageCoding.date(try string(column), column)
    }

    func document<T: Decodable>(_ column: String, as type: T.Type) throws(StorageError) -> T {
        try StorageCoding.decode(type, try string(column), column)
    }

    // The same readers by position, for the reads that return a patient's whole history: a lookup by name compares
    // column names on every call. `column` names the column in an error.

    func uuid<ID: StorageIdentifier>(at index: Int, _ column: String) throws(StorageError) -> ID {
        try Self.uuid(self[index], column)
    }

    func optionalUUID<ID: StorageIdentifier>(at index: Int, _ column: String) throws(StorageError) -> ID? {
        guard let text = self[index] as String? else { return nil }
        return try Self.uuid(text, column)
    }

    func time(at index: Int, _ column: String) throws(StorageError) -> Date {
        try Self.time(self[index], column)
    }

    func document<T: Decodable>(at index: Int, _ column: String, as type: T.Type) throws(StorageError) -> T {
        guard let text = self[index] as String? else { throw StorageError(.invalid, "column \(column)") }
        return try StorageCoding.decode(type, text, column)
    }

    /// A stored id, however it was read; `invalid` naming the column when it is missing or not a UUID.
    private static func uuid<ID: StorageIdentifier>(_ text: String?, _ column: String) throws(StorageError) -> ID {
        guard let text, let id = ID(uuidString: text) else { throw StorageError(.invalid, "column \(column)") }
        return id
    }

    /// A stored time in milliseconds, however it was read; `invalid` naming the column when it is missing.
    private static func time(_ milliseconds: Int64?, _ column: String) throws(StorageError) -> Date {
        guard let milliseconds else { throw StorageError(.invalid, "column \(column)") }
        return StorageCoding.date(milliseconds: milliseconds)
    }
}

extension StorageIdentifier {
    /// The stored text form.
    var text: String { description }
}

extension Date {
    /// The stored milliseconds.
    var ms: Int64 { StorageCoding.milliseconds(self) }
}

/// Visibility rules as SQL over the `patients` table aliased `p`.
enum Visibility {
    /// The WHERE fragment and its arguments for what `actor` may see.
    static func clause(_ actor: AuditActor) -> (sql: String, arguments: StatementArguments) {
        switch actor.access {
        case .system: ("1", [])
        case .admin: ("0", [])
        case .clinician(let id): ("p.clinician_id = ?", [id.text])
        case .patient(_, let patient): ("p.id = ?", [patient.text])
        }
    }

    /// Fails with `notFound` unless the patient exists and `actor` may see them.
    static func require(_ db: Database, _ patient: PatientID, _ actor: AuditActor, _ context: String) throws {
        let (sql, arguments) = clause(actor)
        let found = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM patients p WHERE p.id = ? AND \(sql)"),
            arguments: [patient.text] + arguments)
        guard found == true else { throw StorageError(.notFound, "\(context): patient") }
    }
}
