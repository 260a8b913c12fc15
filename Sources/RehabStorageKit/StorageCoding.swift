import Foundation
import RehabCore
import RehabJSON

/// The JSON both engines use for document columns (sessions, check-ins, plans, scores): stable key order so a
/// stored document compares byte for byte, and errors that never echo the document.
public enum StorageCoding {
    /// Encodes a value for a document column.
    public static func encode(_ value: some Encodable, _ context: String) throws(StorageError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            throw StorageError(.invalid, "\(context): cannot encode")
        }
        return text
    }

    /// Decodes a document column: directly when the type has a direct reader and the document is in the plain shape
    /// it is stored in (sessions, check-ins and their triage, the documents read most), else generically.
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String, _ context: String) throws(StorageError)
        -> T
    {
        if let value = readDirectly(type, text) { return value }
        guard let value = try? JSONDecoder().decode(type, from: Data(text.utf8)) else {
            throw StorageError(.invalid, "\(context): stored document cannot be read")
        }
        return value
    }

    /// The document read by the type's direct reader; nil when it has none or the reader declines.
    private static func readDirectly<T>(_ type: T.Type, _ text: String) -> T? {
        if type == ExerciseSession.self { return SessionDocumentReader.session(from: text) as? T }
        if type == CheckIn.self { return CheckInDocumentReader.checkIn(from: text) as? T }
        if type == TriageResult.self { return CheckInDocumentReader.triage(from: text) as? T }
        return nil
    }

    /// Parses a stored `YYYY-MM-DD`.
    public static func date(_ text: String, _ context: String) throws(StorageError) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw StorageError(.invalid, "\(context): stored date") }
        return date
    }

    /// Milliseconds since 1970, the SQLite form of a timestamp.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// A timestamp from milliseconds since 1970.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The key an email is unique by: trimmed and lower-cased the same way in every engine.
    public static func emailKey(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Appends a session to a record and applies the rules every engine shares for `recordSession`.
    public static func appending(_ session: ExerciseSession, to record: PatientRecord) -> PatientRecord {
        var next = record
        next.sessions.append(session)
        return next
    }
}
