import Foundation

/// A stored row's identifier: a UUID chosen by the application, so that ids are known before a write
/// and never collide between server instances or engines.
public protocol StorageIdentifier: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible
where RawValue == UUID {
    /// Wraps a UUID.
    init(rawValue: UUID)
}

extension StorageIdentifier {
    /// A fresh random identifier.
    public static func generate() -> Self { Self(rawValue: UUID()) }

    /// Parses the canonical text form; nil for anything else.
    public init?(uuidString: String) {
        guard let uuid = UUID(uuidString: uuidString) else { return nil }
        self.init(rawValue: uuid)
    }

    /// The lower-case canonical text form, as stored and as shown in URLs.
    public var description: String { rawValue.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(UUID.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An account: an administrator, a clinician or a patient.
public struct AccountID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// A patient under care; the patient's login is a separate `AccountID`.
public struct PatientID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// A stored exercise session.
public struct SessionID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// A stored daily check-in.
public struct CheckInID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// A stored questionnaire response.
public struct QuestionnaireResponseID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// A stored measurement.
public struct MeasurementID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// A stored plan revision.
public struct PlanRevisionID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// An alert raised for a clinician.
public struct AlertID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// An audit log entry.
public struct AuditEntryID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}
