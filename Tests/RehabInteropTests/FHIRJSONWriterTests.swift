import Foundation
import PropertyBased
import RehabCore
import RehabTesting
import Testing

@testable import RehabInterop

/// `JSONWriter` against `JSONEncoder` with the export's options: the same bytes for the same value, for numbers,
/// strings, generated resources, whole Bundles and whole bulk exports.
struct FHIRJSONWriterTests {
    /// The encoder the export used before `JSONWriter`: the reference its bytes are compared with.
    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func written(_ value: some JSONWritable) throws -> [UInt8] {
        var writer = JSONWriter()
        try writer.value(value)
        return writer.bytes
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Numbers and strings

    static let doubles: [(Double, String)] = [
        (97.5, "97.5"), (1e-7, "1e-07"), (100.0, "100"), (0.1, "0.1"), (-0.0, "-0"), (37.4, "37.4"),
        (240.5, "240.5"), (-3, "-3"), (1e16, "1e+16"), (1e15, "1000000000000000"), (123_456_789.125, "123456789.125"),
        (5e-324, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"), (1.0 / 3, "0.3333333333333333"),
    ]

    @Test(arguments: doubles)
    func doublesAreWrittenAsJSONEncoderWritesThem(value: Double, expected: String) throws {
        #expect(Self.text(try Self.written(value)) == expected)
        #expect(try Self.written(value) == Self.encoded(value))
    }

    @Test func anyFiniteDoubleIsWrittenAsJSONEncoderWritesIt() async {
        await propertyCheck(count: 500, input: FHIRJSONGen.number) { value in
            let written = try Self.written(value)
            #expect(written == (try Self.encoded(value)))
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteDoublesAreRefusedAsJSONEncoderRefusesThem(value: Double) {
        #expect(throws: JSONWriter.NonFiniteNumber.self) { try Self.written(value) }
        #expect(throws: EncodingError.self) { try Self.encoded(value) }
    }

    @Test func integersAndBooleansAreWrittenAsJSONEncoderWritesThem() async throws {
        for value in [0, -1, 7, Int.min, Int.max] { #expect(try Self.written(value) == Self.encoded(value)) }
        #expect(try Self.written([true, false]) == Self.encoded([true, false]))
        await propertyCheck(count: 300, input: Gen.int()) { value in
            let written = try Self.written(value)
            #expect(written == (try Self.encoded(value)))
        }
    }

    @Test func stringsAreEscapedAsJSONEncoderEscapesThem() async throws {
        #expect(
            Self.text(try Self.written("a\"b\\c/d\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}é😀\u{2028}"))
                == #""a\"b\\c/d\b\f\n\r\t\u0000\u001f\#u{7F}é😀\#u{2028}""#)
        await propertyCheck(count: 500, input: FHIRJSONGen.text) { text in
            let written = try Self.written(text)
            #expect(written == (try Self.encoded(text)))
        }
    }

    // MARK: - Resources

    @Test func anyObservationIsWrittenAsJSONEncoderWritesIt() async {
        await propertyCheck(count: 300, input: FHIRJSONGen.observation) { observation in
            let written = try Self.written(observation)
            #expect(written == (try Self.encoded(observation)), "\(Self.text(written))")
        }
    }

    @Test func anObservationWithANonFiniteValueIsRefused() {
        var observation = FHIRObservation(
            id: "x", category: .exam, code: FHIRCodeableConcept(text: "Knee flexion"),
            subject: FHIRReference(reference: "Patient/p"), effective: "2026-10-01")
        observation.valueQuantity = FHIRQuantity(.infinity, ucum: "deg")
        #expect(throws: JSONWriter.NonFiniteNumber.self) { try Self.written(observation) }
        #expect(throws: EncodingError.self) { try Self.encoded(observation) }
    }

    /// Every fixture patient's NDJSON lines are the bytes `JSONEncoder` alone gave for the same resources.
    @Test(arguments: SurgeryKind.allCases, [true, false])
    func bulkLinesAreTheEncodersBytes(kind: SurgeryKind, discharged: Bool) throws {
        var export = try FHIRFixtures.export(kind, discharged: discharged)
        export.sessions[0].note = "Felt \"fine\"\\ then /sore/\n\tsharp\u{1} é 😀"
        export.measurements[0].measurement.note = "Goniometer\r\nre-checked"
        export.measurements[1].measurement.value = 97.25
        export.patient.name = "Ana \"Nan\" Pérez\\Okoro\u{7}"
        export.revisions[0].reason = "Pain /settled/;\n\"progress\""
        let lines = try FHIRExport.resources(export, catalog: FHIRFixtures.catalog)
        #expect(Set(lines.map(\.resourceType)).isSuperset(of: ["Patient", "CarePlan", "Observation"]))
        try Self.expectEncoderLines(lines, of: export)
        try Self.expectEncoderBundle(of: export)
    }

    /// The same for generated histories (FHIRPropertyTests' generator).
    @Test func generatedHistoriesGiveTheEncodersBytes() async {
        await propertyCheck(count: 40, input: FHIRPropertyTests.history) {
            kind, sessions, checkIns, measurements, pains, alerts, revisions, discharged in
            let export = try FHIRPropertyTests.export(
                kind: SurgeryKind.allCases[kind], sessions: sessions, checkIns: checkIns, measurements: measurements,
                pains: pains, alerts: alerts, revisions: revisions, discharged: discharged)
            let lines = try FHIRExport.resources(export, catalog: FHIRFixtures.catalog)
            try Self.expectEncoderLines(lines, of: export)
            try Self.expectEncoderBundle(of: export)
        }
    }

    /// A long record like the benchmark's: 60 days of two sessions of eight exercises and a check-in.
    @Test func aLongRecordGivesTheEncodersBytes() throws {
        let catalog = FHIRFixtures.catalog
        let record = LongRecord.make(days: 60, catalog: catalog)
        let patientID = PatientID(rawValue: FHIRFixtures.uuid(2))
        let export = PatientExport(
            patient: Patient(
                id: patientID, accountID: AccountID(rawValue: FHIRFixtures.uuid(3)),
                clinicianID: FHIRFixtures.clinician,
                name: FHIRFixtures.patientName, email: FHIRFixtures.patientEmail, surgery: record.surgery,
                createdAt: FHIRFixtures.now),
            record: record,
            sessions: record.sessions.enumerated().map { index, session in
                StoredSession(
                    id: SessionID(rawValue: FHIRFixtures.uuid(10_000 + index)), patientID: patientID, session: session,
                    planRevision: nil, note: nil, createdAt: FHIRFixtures.at(Double(index) * 12.5))
            },
            checkIns: record.checkIns.enumerated().map { index, checkIn in
                StoredCheckIn(
                    id: CheckInID(rawValue: FHIRFixtures.uuid(20_000 + index)), patientID: patientID,
                    checkIn: checkIn, triage: Triage.assess(checkIn, policy: catalog.triage), alertID: nil,
                    createdAt: FHIRFixtures.at(Double(index) * 24))
            })
        let lines = try FHIRExport.resources(export, catalog: catalog)
        #expect(lines.count > 1_000)
        try Self.expectEncoderLines(lines, of: export)
        try Self.expectEncoderBundle(of: export)
        // The Bundle is made in pieces (what `bundle` joins): each but the last just past the size, none twice it.
        var pieces = FHIRExport.BundlePieces(export, catalog: catalog, generatedAt: FHIRFixtures.now)
        var sizes: [Int] = []
        while let piece = try pieces.next() { sizes.append(piece.count) }
        let size = FHIRExport.BundlePieces.size
        #expect(sizes.count > 3)
        #expect(sizes.dropLast().allSatisfy { $0 >= size && $0 < 2 * size }, "\(sizes)")
        #expect(try pieces.next() == nil)
    }

    @Test func aResourceWithANonFiniteValueFailsTheExportNamingItsType() throws {
        var export = try FHIRFixtures.export()
        export.measurements[0].measurement.value = .nan
        #expect(throws: FHIRExportError(code: .unencodableValue, resourceType: "Observation")) {
            try FHIRExport.resources(export, catalog: FHIRFixtures.catalog)
        }
        #expect(throws: FHIRExportError(code: .unencodableValue, resourceType: "Observation")) {
            try FHIRExport.bundle(export, catalog: FHIRFixtures.catalog, generatedAt: FHIRFixtures.now)
        }
    }

    /// Expects the Bundle to be the bytes `JSONEncoder` gives for the same Bundle value, showing where they part.
    static func expectEncoderBundle(of export: PatientExport, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let written = Array(try FHIRExport.bundle(export, catalog: FHIRFixtures.catalog, generatedAt: FHIRFixtures.now))
        let resources = FHIRBuilder.resources(export, catalog: FHIRFixtures.catalog, style: .bundle)
        let expected = try encoded(
            FHIRBundle(
                id: FHIRIdentity.id("Bundle/patient/\(export.patient.id)"), type: "collection",
                timestamp: FHIRTime.instant(FHIRFixtures.now),
                entry: resources.map { FHIRBundle.Entry(fullUrl: "urn:uuid:\($0.id)", resource: $0) }))
        #expect(resources.count > 3, sourceLocation: sourceLocation)
        guard written != expected else { return }
        let start =
            zip(written, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(written.count, expected.count)
        let window = { (bytes: [UInt8]) in text(Array(bytes[max(0, start - 200)..<min(bytes.count, start + 200)])) }
        Issue.record("written:\n\(window(written))\nJSONEncoder:\n\(window(expected))", sourceLocation: sourceLocation)
    }

    /// Expects the lines to be `encoderLines(export)`, byte for byte, showing the first line that differs.
    static func expectEncoderLines(
        _ lines: [(resourceType: String, line: Data)], of export: PatientExport,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try encoderLines(export)
        #expect(lines.count == expected.count, sourceLocation: sourceLocation)
        for (line, wanted) in zip(lines.map { Array($0.line) }, expected) where line != wanted {
            Issue.record("written:\n\(text(line))\nJSONEncoder:\n\(text(wanted))", sourceLocation: sourceLocation)
            return
        }
    }

    /// The NDJSON lines as `JSONEncoder` writes them: every resource encoded with the export's options, grouped
    /// by type in the order of `FHIRExport.resourceTypes`, in the builder's order within a type.
    static func encoderLines(_ export: PatientExport) throws -> [[UInt8]] {
        let resources = FHIRBuilder.resources(export, catalog: FHIRFixtures.catalog, style: .relative)
        return try FHIRExport.resourceTypes.flatMap { type in
            try resources.filter { $0.resourceType == type }.map { try encoded($0) }
        }
    }
}

/// Generators of the values the hand-written encoders write.
enum FHIRJSONGen {
    /// Characters that need escaping or are multi-byte, among plain ones.
    static let characters: [Character] = [
        "a", "Z", "0", " ", "-", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}", "\r",
        "\r\n", "\u{1F}", "\u{7F}", "é", "ß", "€", "😀", "\u{2028}", "\u{FEFF}",
    ]
    static let text = Gen.element(of: characters).map { $0 ?? "a" }.string(of: 0...12)

    /// Whole numbers (written without a fraction), one-decimal values such as 37.4, and any finite double from
    /// subnormals to the largest.
    static let number = zip(Gen.int(in: 0...2), Gen.uint64()).map { kind, bits -> Double in
        switch kind {
        case 0: return Double(Int(bits % 2_001)) - 1_000
        case 1: return (Double(Int(bits % 200_001)) - 100_000) / 10
        default:
            let value = Double(bitPattern: bits)
            return value.isFinite ? value : 0
        }
    }

    static let coding = zip(text, text, text.optional).map { FHIRCoding(system: $0, code: $1, display: $2) }
    static let concept = zip(coding.array(of: 0...2).optional, text.optional).map {
        FHIRCodeableConcept($0, text: $1)
    }
    static let identifier = zip(text, text).map { FHIRIdentifier(system: $0, value: $1) }
    static let reference = zip(text.optional, text.optional, identifier.optional).map { literal, type, identifier in
        var reference = FHIRReference(reference: "")
        reference.reference = literal
        reference.type = type
        reference.identifier = identifier
        return reference
    }
    static let quantity = zip(number, text, text, text).map { value, code, unit, system in
        var quantity = FHIRQuantity(value, ucum: code, unit: unit)
        quantity.system = system
        return quantity
    }
    static let annotation = zip(reference.optional, text.optional, text.optional, text).map {
        FHIRAnnotation(authorReference: $0, authorString: $1, time: $2, text: $3)
    }
    static let component = zip(
        concept, quantity.optional, concept.optional, Gen.bool.optional, Gen.int().optional, concept.optional
    ).map { code, quantity, concept, boolean, integer, absent in
        var component = FHIRObservation.Component(code, boolean: false)
        component.valueQuantity = quantity
        component.valueCodeableConcept = concept
        component.valueBoolean = boolean
        component.valueInteger = integer
        component.dataAbsentReason = absent
        return component
    }
    static let observation = zip(
        zip(text, text, concept.array(of: 0...2), concept, reference, text, text.optional, quantity.optional),
        zip(
            concept.optional, concept.optional, annotation.array(of: 0...2).optional, concept.optional,
            concept.optional, reference.array(of: 0...3).optional, reference.array(of: 0...1).optional,
            reference.array(of: 0...1).optional, component.array(of: 0...3).optional)
    ).map { first, second in
        let (id, status, category, code, subject, effective, issued, valueQuantity) = first
        let (valueConcept, absent, note, bodySite, method, members, derivedFrom, basedOn, components) = second
        var observation = FHIRObservation(
            id: id, status: status, category: .exam, code: code, subject: subject, effective: effective)
        observation.category = category
        observation.issued = issued
        observation.valueQuantity = valueQuantity
        observation.valueCodeableConcept = valueConcept
        observation.dataAbsentReason = absent
        observation.note = note
        observation.bodySite = bodySite
        observation.method = method
        observation.hasMember = members
        observation.derivedFrom = derivedFrom
        observation.basedOn = basedOn
        observation.component = components
        return observation
    }
}

extension FHIRBuilder {
    /// Every resource for the patient, as a list, to encode with `JSONEncoder` beside the export's own bytes.
    static func resources(_ export: PatientExport, catalog: Catalog, style: FHIRReferenceStyle)
        -> [any FHIRResource]
    {
        let builder = FHIRBuilder(export: export, catalog: catalog, style: style)
        var collected = CollectedResources()
        for number in 0..<builder.groupCount { builder.group(number, into: &collected) }
        return collected.resources
    }
}

/// The resources the builder makes, as a list.
private struct CollectedResources: FHIRResourceSink {
    var resources: [any FHIRResource] = []

    mutating func add(_ resource: some FHIRResource) { resources.append(resource) }
}
