import Crypto
import Foundation

/// Resource ids derived from stored ids, so exporting the same data twice gives the same ids.
///
/// Several resources come from one stored row (a questionnaire response and its score; a session's panel, pain
/// ratings and exercises), so an id is a name-based UUID (RFC 9562 version 5) of the resource's type, what it was
/// made from and the stored id. A UUID is what a Bundle's `urn:uuid:` full URLs need, and a valid FHIR id.
enum FHIRIdentity {
    /// The namespace of every derived id: the version 5 UUID of KneeRehab's FHIR base in the URL namespace.
    static let namespace = nameBased(namespace: urlNamespace, name: FHIRCodes.projectBase)

    /// RFC 9562's namespace for names that are URLs, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
    static let urlNamespace = UUID(
        uuid: (0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8))

    /// The id of the resource `name` names, e.g. `Observation/session/<uuid>/pain-after`.
    static func id(_ name: String) -> String {
        nameBased(namespace: namespace, name: name).lowercasedText
    }

    /// The version 5 UUID of `name` in `namespace`: SHA-1, which RFC 9562 fixes for it (here it names, it does not
    /// protect).
    static func nameBased(namespace: UUID, name: String) -> UUID {
        var hasher = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hasher.update(bufferPointer: $0) }
        var name = name
        name.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize().withUnsafeBytes { digest in
            // The digest's first 16 bytes, with the version (5) and the variant (RFC 9562) set.
            UUID(
                uuid: (
                    digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], (digest[6] & 0x0F) | 0x50,
                    digest[7], (digest[8] & 0x3F) | 0x80, digest[9], digest[10], digest[11], digest[12], digest[13],
                    digest[14], digest[15]
                ))
        }
    }
}

/// How one resource points at another: by `urn:uuid:` inside a Bundle, by `Type/id` in bulk NDJSON files.
enum FHIRReferenceStyle: Sendable {
    /// `urn:uuid:<id>`, the entries' full URLs.
    case bundle
    /// `ResourceType/<id>`, as FHIR bulk data files refer to each other.
    case relative

    /// The reference to the resource of `type` with `id`.
    func reference(_ type: String, _ id: String) -> FHIRReference {
        switch self {
        case .bundle: FHIRReference(reference: "urn:uuid:\(id)")
        case .relative: FHIRReference(reference: "\(type)/\(id)")
        }
    }
}
