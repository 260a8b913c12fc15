/// The FHIR R4 data types the export writes, each with only the elements KneeRehab fills in.
///
/// They are plain `Encodable` values: absent optionals are left out of the JSON, which is what FHIR asks for
/// (an element is either present with a value or absent, never `null`).

/// One code from one code system.
struct FHIRCoding: Encodable, Sendable, Equatable {
    var system: String
    var code: String
    var display: String?
}

/// A concept as one or more codings and, optionally, the words a person reads.
///
/// A concept is written as JSON once, when it is made: the export's fixed concepts (the observation categories and
/// the concepts every session and check-in repeat) are made once and written thousands of times, each time by
/// copying these bytes. It is an immutable class, so copying a resource that holds concepts copies one reference
/// for each rather than its codings, text and bytes.
final class FHIRCodeableConcept: Encodable, Sendable, Equatable {
    let coding: [FHIRCoding]?
    let text: String?
    /// The concept as `JSONWriter` writes it.
    let json: [UInt8]

    init(_ coding: [FHIRCoding]? = nil, text: String? = nil) {
        self.coding = coding
        self.text = text
        var writer = JSONWriter()
        do {
            try writer.object { json throws(JSONWriter.NonFiniteNumber) in
                try json.member("coding", coding)
                try json.member("text", text)
            }
        } catch {
            preconditionFailure("a concept holds only text, and only a number can fail to be written")
        }
        json = writer.bytes
    }

    static func == (left: FHIRCodeableConcept, right: FHIRCodeableConcept) -> Bool {
        left.coding == right.coding && left.text == right.text
    }

    private enum CodingKeys: String, CodingKey { case coding, text }

    convenience init(_ coding: FHIRCoding, text: String? = nil) {
        self.init([coding], text: text)
    }
}

/// A business identifier: a value within a naming system.
struct FHIRIdentifier: Encodable, Sendable, Equatable {
    var system: String
    var value: String
}

/// A reference to another resource: a literal one (`reference`) that resolves inside the export, or a logical one
/// (`identifier` with `type`) for something KneeRehab does not export as a resource, such as a clinician's account.
struct FHIRReference: Encodable, Sendable, Equatable {
    var reference: String?
    var type: String?
    var identifier: FHIRIdentifier?

    init(reference: String) {
        self.reference = reference
    }

    init(type: String, identifier: FHIRIdentifier) {
        self.type = type
        self.identifier = identifier
    }
}

/// A measured amount with a UCUM unit.
struct FHIRQuantity: Encodable, Sendable, Equatable {
    var value: Double
    var unit: String
    var system: String
    var code: String

    /// A quantity in the UCUM unit `code`, shown as `unit`.
    init(_ value: Double, ucum code: String, unit: String? = nil) {
        self.value = value
        self.code = code
        self.unit = unit ?? code
        self.system = FHIRCodes.ucum
    }

    /// The value as an integer when it is a whole number small enough to be exact, else nil.
    var wholeValue: Int? { value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil }

    /// Writes whole numbers without a fraction (`3`, not `3.0`), so an integer score reads as one.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let whole = wholeValue {
            try container.encode(whole, forKey: .value)
        } else {
            try container.encode(value, forKey: .value)
        }
        try container.encode(unit, forKey: .unit)
        try container.encode(system, forKey: .system)
        try container.encode(code, forKey: .code)
    }

    private enum CodingKeys: String, CodingKey { case value, unit, system, code }
}

/// A time span; either end may be open.
struct FHIRPeriod: Encodable, Sendable, Equatable {
    var start: String?
    var end: String?
}

/// A note with who wrote it and when.
struct FHIRAnnotation: Encodable, Sendable, Equatable {
    var authorReference: FHIRReference?
    var authorString: String?
    var time: String?
    var text: String
}

/// A name as the person gave it; KneeRehab stores one free-text name, so only `text` is filled.
struct FHIRHumanName: Encodable, Sendable, Equatable {
    var text: String
}

/// A way to reach someone.
struct FHIRContactPoint: Encodable, Sendable, Equatable {
    var system: String
    var value: String
}
