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
    public static func generate() -> Self { Self(rawValue: .randomVersion4()) }

    /// Parses the canonical text form, in either case; nil for anything else.
    public init?(uuidString: String) {
        guard let uuid = UUID(canonicalText: uuidString) else { return nil }
        self.init(rawValue: uuid)
    }

    /// The lower-case canonical text form, as stored and as shown in URLs.
    public var description: String { rawValue.lowercasedText }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let id = Self(uuidString: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension UUID {
    /// A random (version 4) UUID from the system's random generator.
    ///
    /// Foundation's `UUID()` on Linux opens, reads and closes `/dev/urandom` for every UUID; a session write makes
    /// two, and those system calls were about 3 % of its CPU time under load. The system generator asks the kernel
    /// once per 8 bytes, with no file. Both are the kernel's cryptographic randomness.
    static func randomVersion4() -> UUID {
        var generator = SystemRandomNumberGenerator()
        return UUID(randomBits: (generator.next(), generator.next()))
    }

    /// The version 4 UUID made of 128 random bits: RFC 9562 sets its 4 version bits to 0100 and its 2 variant
    /// bits to 10; the other 122 bits are the random ones.
    ///
    /// The bytes are the two numbers' bytes in memory order (least significant first), the first number first.
    init(randomBits bits: (UInt64, UInt64)) {
        let (high, low) = (bits.0.littleEndian, bits.1.littleEndian)
        func byte(_ word: UInt64, _ index: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: word >> (8 * index)) }
        let uuid: uuid_t = (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5),
            (byte(high, 6) & 0x0F) | 0x40, byte(high, 7),
            (byte(low, 0) & 0x3F) | 0x80, byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5),
            byte(low, 6), byte(low, 7)
        )
        self.init(uuid: uuid)
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

/// A stored entry of the RTM time log.
public struct TimeEntryID: StorageIdentifier {
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

/// A message in a patient's thread with their clinician.
public struct MessageID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}

/// A mail waiting in (or sent from) the outbox; also the delivery id the mail carries in its `Message-ID`.
public struct OutboxMailID: StorageIdentifier {
    /// The UUID.
    public let rawValue: UUID
    /// Wraps a UUID.
    public init(rawValue: UUID) { self.rawValue = rawValue }
}
