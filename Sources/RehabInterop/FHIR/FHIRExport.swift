import Foundation
import RehabCore

/// One patient's data as FHIR R4: a `collection` Bundle for the EHR, or NDJSON lines for FHIR bulk data.
///
/// Both carry the same resources with the same ids, derived from the stored ids, so exporting again gives the same
/// ids and a receiver can update rather than duplicate. docs/interop.md describes the mapping and every code.
public enum FHIRExport {
    /// One R4 Bundle of type collection for the patient, as JSON bytes.
    ///
    /// Every entry's `fullUrl` is `urn:uuid:<id>` and every reference between entries uses those URLs.
    public static func bundle(_ export: PatientExport, catalog: Catalog, generatedAt: Date) throws(FHIRExportError)
        -> Data
    {
        var pieces = BundlePieces(export, catalog: catalog, generatedAt: generatedAt)
        var bundle = Data()
        while let piece = try pieces.next() { bundle.append(contentsOf: piece) }
        return bundle
    }

    /// The same Bundle as `bundle(_:catalog:generatedAt:)`, made and written a few resources at a time: pieces of
    /// about `BundlePieces.size` bytes that, joined, are that Bundle's bytes, for a server that sends each as it
    /// comes rather than holding a whole Bundle per request.
    public struct BundlePieces: Sendable {
        /// About how many bytes each piece holds; a piece ends after the resources that take it past this size.
        public static let size = 64 * 1024

        private let builder: FHIRBuilder
        /// How the Bundle opens: its entries are its first member, as keys are written in order.
        private static let opening = Array(#"{"entry":["#.utf8)
        /// The rest of the Bundle after its entries: `],"id":…}`.
        private let closing: ArraySlice<UInt8>
        /// The next group of resources to write, or nil once the Bundle is complete.
        private var nextGroup: Int? = 0

        /// The pieces of the patient's Bundle.
        public init(_ export: PatientExport, catalog: Catalog, generatedAt: Date) {
            builder = FHIRBuilder(export: export, catalog: catalog, style: .bundle)
            var writer = JSONWriter()
            let empty = FHIRBundle(
                id: FHIRIdentity.id("Bundle/patient/\(export.patient.id)"), type: "collection",
                timestamp: FHIRTime.instant(generatedAt), entry: [])
            do {
                try writer.value(empty)
            } catch {
                preconditionFailure("a Bundle's own members are text, and only a number can fail to be written")
            }
            precondition(writer.bytes.starts(with: Self.opening + [UInt8(ascii: "]")]), "a Bundle opens with entry")
            closing = writer.bytes[Self.opening.count...]
        }

        /// The next piece, or nil after the last.
        public mutating func next() throws(FHIRExportError) -> [UInt8]? {
            guard var group = nextGroup else { return nil }
            var entries = BundleEntries(writer: JSONWriter(capacity: Self.size + Self.size / 4), first: group == 0)
            if group == 0 { entries.writer.raw(Self.opening) }
            while group < builder.groupCount, entries.writer.bytes.count < Self.size {
                try builder.group(group, into: &entries)
                group += 1
            }
            if group == builder.groupCount {
                entries.writer.raw(closing)
                nextGroup = nil
            } else {
                nextGroup = group
            }
            return entries.writer.bytes
        }
    }

    /// Writes each resource as a Bundle entry, `{"fullUrl":"urn:uuid:<id>","resource":{…}}`, commas between.
    private struct BundleEntries: FHIRResourceSink {
        var writer: JSONWriter
        /// Whether no entry has been written yet.
        var first: Bool

        mutating func add(_ resource: some FHIRResource) throws(FHIRExportError) {
            if !first { writer.raw(",") }
            first = false
            // A FHIR id is letters, digits, `-` and `.` (these are UUIDs), so it is written as it is.
            writer.raw(#"{"fullUrl":"urn:uuid:"#)
            writer.raw(resource.id.utf8)
            writer.raw(#"","resource":"#)
            do {
                try resource.write(to: &writer)
            } catch {
                throw FHIRExportError(code: .unencodableValue, resourceType: resource.resourceType)
            }
            writer.raw("}")
        }
    }

    /// The same resources as NDJSON lines for FHIR bulk data: (resourceType, one JSON object without newlines).
    ///
    /// Lines come grouped by resource type (Patient first) so a caller can append each group to its
    /// `TYPE.ndjson` file; references are `Type/id`, which resolve across the files of one export.
    public static func resources(_ export: PatientExport, catalog: Catalog) throws(FHIRExportError) -> [(
        resourceType: String, line: Data
    )] {
        let builder = FHIRBuilder(export: export, catalog: catalog, style: .relative)
        var lines = Lines()
        for number in 0..<builder.groupCount { try builder.group(number, into: &lines) }
        return lines.byType.flatMap { $0 }
    }

    /// Writes each resource as one NDJSON line, kept with the lines of its type.
    private struct Lines: FHIRResourceSink {
        /// The lines of each type, in the order of `resourceTypes` (and a last list for any other type).
        var byType: [[(resourceType: String, line: Data)]] = Array(repeating: [], count: resourceTypes.count + 1)

        mutating func add(_ resource: some FHIRResource) throws(FHIRExportError) {
            let type = resource.resourceType
            byType[typeOrder(type)].append((type, Data(try write(resource, resourceType: type))))
        }
    }

    /// The resource types the export writes, in the order NDJSON lines are grouped.
    public static let resourceTypes = [
        "Patient", "Procedure", "Condition", "EpisodeOfCare", "CarePlan", "Observation", "QuestionnaireResponse",
        "DetectedIssue", "Flag",
    ]

    private static func typeOrder(_ type: String) -> Int {
        resourceTypes.firstIndex(of: type) ?? resourceTypes.count
    }

    /// Compact JSON with sorted keys, the bytes `JSONEncoder` gives with `[.sortedKeys, .withoutEscapingSlashes]`.
    private static func write(_ value: some JSONWritable, resourceType: String, capacity: Int = 2_048)
        throws(FHIRExportError) -> [UInt8]
    {
        var writer = JSONWriter(capacity: capacity)
        do {
            try writer.value(value)
        } catch {
            // The only way writing fails is a number JSON cannot hold (NaN or infinity).
            throw FHIRExportError(code: .unencodableValue, resourceType: resourceType)
        }
        return writer.bytes
    }
}

/// Why a FHIR export failed; it names the resource type, never the patient's data.
public struct FHIRExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// A value JSON cannot carry, such as a non-finite number.
        case unencodableValue = "unencodable-value"
    }

    /// What went wrong.
    public var code: Code
    /// The resource that could not be written.
    public var resourceType: String

    /// Makes an error.
    public init(code: Code, resourceType: String) {
        self.code = code
        self.resourceType = resourceType
    }

    public var description: String { "cannot write a FHIR \(resourceType): \(code.rawValue)" }
}

/// FHIR's date and time forms.
enum FHIRTime {
    /// A FHIR `instant` in UTC, e.g. `2026-11-20T09:30:00Z`, with milliseconds when the time has any.
    static func instant(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        var millis = Int(((interval - seconds) * 1000).rounded())
        var whole = Int(seconds)
        if millis >= 1000 {
            whole += 1
            millis -= 1000
        }
        let day = Int((Double(whole) / 86_400).rounded(.down))
        let rest = whole - day * 86_400
        let date = CalendarDate(dayNumber: day)
        // Written into the string's own storage: an export writes one for every session and check-in.
        return String(unsafeUninitializedCapacity: 48) { text in
            var end = 0
            func put(_ character: Unicode.Scalar) {
                text[end] = UInt8(ascii: character)
                end += 1
            }
            /// Writes `value` in decimal with at least `width` digits.
            func put(_ value: Int, width: Int) {
                if value < 0 { put("-") }
                var digits = 0
                var left = value.magnitude
                repeat {
                    digits += 1
                    left /= 10
                } while left > 0
                digits = max(digits, width)
                var remaining = value.magnitude
                for index in (end..<end + digits).reversed() {
                    text[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                }
                end += digits
            }
            put(date.year, width: 4)
            put("-")
            put(date.month, width: 2)
            put("-")
            put(date.day, width: 2)
            put("T")
            put(rest / 3600, width: 2)
            put(":")
            put(rest / 60 % 60, width: 2)
            put(":")
            put(rest % 60, width: 2)
            if millis > 0 {
                put(".")
                put(millis, width: 3)
            }
            put("Z")
            return end
        }
    }
}
