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

    /// Decodes a document column.
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String, _ context: String) throws(StorageError)
        -> T
    {
        guard let value = try? JSONDecoder().decode(type, from: Data(text.utf8)) else {
            throw StorageError(.invalid, "\(context): stored document cannot be read")
        }
        return value
    }

    /// Decodes a session document, directly when it has the shape sessions are stored in (see
    /// `SessionDocumentReader`), else as any other document.
    public static func decode(_ type: ExerciseSession.Type, _ text: String, _ context: String) throws(StorageError)
        -> ExerciseSession
    {
        if let session = SessionDocumentReader.session(from: text) { return session }
        return try decodeGenerically(type, text, context)
    }

    private static func decodeGenerically<T: Decodable>(_ type: T.Type, _ text: String, _ context: String)
        throws(StorageError) -> T
    {
        try decode(type, text, context)
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
