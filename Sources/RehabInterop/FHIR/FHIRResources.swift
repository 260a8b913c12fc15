/// The FHIR R4 resources the export writes, each with only the elements KneeRehab fills in.

/// A resource with its type name and its id, written by `JSONWriter`; its `Encodable` conformance is the reference
/// the writer's bytes are tested against.
protocol FHIRResource: Encodable, JSONWritable, Sendable {
    /// The `resourceType`, e.g. `Observation`.
    var resourceType: String { get }
    /// The logical id.
    var id: String { get }
}

/// The patient: who the export is about.
struct FHIRPatient: FHIRResource {
    let resourceType = "Patient"
    var id: String
    var identifier: [FHIRIdentifier]
    var active: Bool
    var name: [FHIRHumanName]
    var telecom: [FHIRContactPoint]?
}

/// The surgery the program is built around.
struct FHIRProcedure: FHIRResource {
    let resourceType = "Procedure"
    var id: String
    var status: String
    var code: FHIRCodeableConcept
    var subject: FHIRReference
    var performedDateTime: String
    var bodySite: [FHIRCodeableConcept]
}

/// The problem a non-operative pathway treats.
struct FHIRCondition: FHIRResource {
    let resourceType = "Condition"
    var id: String
    var code: FHIRCodeableConcept
    var bodySite: [FHIRCodeableConcept]
    var subject: FHIRReference
    var recordedDate: String
}

/// The patient's episode of care with the clinic: open while in care, finished once discharged.
struct FHIREpisodeOfCare: FHIRResource {
    let resourceType = "EpisodeOfCare"
    var id: String
    var status: String
    var diagnosis: [Diagnosis]?
    var patient: FHIRReference
    var careManager: FHIRReference?
    var period: FHIRPeriod

    /// A condition the episode treats.
    struct Diagnosis: Encodable, Sendable {
        var condition: FHIRReference
    }
}

/// One version of the exercise plan.
struct FHIRCarePlan: FHIRResource {
    let resourceType = "CarePlan"
    var id: String
    var replaces: [FHIRReference]?
    var status: String
    var intent: String
    var title: String
    var description: String
    var subject: FHIRReference
    var period: FHIRPeriod
    var created: String
    var author: FHIRReference?
    var addresses: [FHIRReference]?
    var supportingInfo: [FHIRReference]?
    var activity: [Activity]?
    var note: [FHIRAnnotation]

    /// One exercise of the plan.
    struct Activity: Encodable, Sendable {
        var progress: [FHIRAnnotation]?
        var detail: Detail
    }

    /// What the exercise is and its dose.
    struct Detail: Encodable, Sendable {
        var code: FHIRCodeableConcept
        var status: String
        var description: String
    }
}

/// A value recorded about the patient: a pain rating, an exercise done, a measurement, a score.
struct FHIRObservation: FHIRResource {
    let resourceType = "Observation"
    var id: String
    var basedOn: [FHIRReference]?
    var status: String
    var category: [FHIRCodeableConcept]
    var code: FHIRCodeableConcept
    var subject: FHIRReference
    var effectiveDateTime: String
    var issued: String?
    var valueQuantity: FHIRQuantity?
    var valueCodeableConcept: FHIRCodeableConcept?
    var dataAbsentReason: FHIRCodeableConcept?
    var note: [FHIRAnnotation]?
    var bodySite: FHIRCodeableConcept?
    var method: FHIRCodeableConcept?
    var hasMember: [FHIRReference]?
    var derivedFrom: [FHIRReference]?
    var component: [Component]?

    init(
        id: String, status: String = "final", category: Category, code: FHIRCodeableConcept, subject: FHIRReference,
        effective: String
    ) {
        self.id = id
        self.status = status
        self.category = category.concepts
        self.code = code
        self.subject = subject
        self.effectiveDateTime = effective
    }

    /// The kinds of observation KneeRehab records, from HL7's observation categories.
    enum Category {
        case exam, survey, activity

        /// The `category` element, made once for each kind: nearly every resource of an export carries one.
        var concepts: [FHIRCodeableConcept] {
            switch self {
            case .exam: Self.examConcepts
            case .survey: Self.surveyConcepts
            case .activity: Self.activityConcepts
            }
        }

        private static let examConcepts = [FHIRCodes.category("exam", "Exam")]
        private static let surveyConcepts = [FHIRCodes.category("survey", "Survey")]
        private static let activityConcepts = [FHIRCodes.category("activity", "Activity")]
    }

    /// One part of a multi-part observation.
    struct Component: Encodable, Sendable {
        var code: FHIRCodeableConcept
        var valueQuantity: FHIRQuantity?
        var valueCodeableConcept: FHIRCodeableConcept?
        var valueBoolean: Bool?
        var valueInteger: Int?
        var dataAbsentReason: FHIRCodeableConcept?

        init(_ code: FHIRCodeableConcept, quantity: FHIRQuantity) {
            self.code = code
            self.valueQuantity = quantity
        }

        init(_ code: FHIRCodeableConcept, concept: FHIRCodeableConcept) {
            self.code = code
            self.valueCodeableConcept = concept
        }

        init(_ code: FHIRCodeableConcept, boolean: Bool) {
            self.code = code
            self.valueBoolean = boolean
        }

        init(_ code: FHIRCodeableConcept, integer: Int) {
            self.code = code
            self.valueInteger = integer
        }

        init(_ code: FHIRCodeableConcept, absent reason: FHIRCodeableConcept) {
            self.code = code
            self.dataAbsentReason = reason
        }
    }
}

/// A questionnaire as the patient answered it.
struct FHIRQuestionnaireResponse: FHIRResource {
    let resourceType = "QuestionnaireResponse"
    var id: String
    var questionnaire: String
    var status: String
    var subject: FHIRReference
    var authored: String
    var author: FHIRReference
    var source: FHIRReference
    var item: [Item]?

    /// One answered question.
    struct Item: Encodable, Sendable {
        var linkId: String
        var text: String
        var answer: [Answer]
    }

    /// An answer as the item's whole-number score.
    struct Answer: Encodable, Sendable {
        var valueInteger: Int
    }
}

/// A red flag found in a daily check-in (urgent or emergency triage).
struct FHIRDetectedIssue: FHIRResource {
    let resourceType = "DetectedIssue"
    var id: String
    var status: String
    var code: FHIRCodeableConcept
    var severity: String
    var patient: FHIRReference
    var identifiedDateTime: String
    var implicated: [FHIRReference]
    var detail: String
}

/// An alert still waiting for the clinician.
struct FHIRFlag: FHIRResource {
    let resourceType = "Flag"
    var id: String
    var status: String
    var code: FHIRCodeableConcept
    var subject: FHIRReference
    var period: FHIRPeriod
}

/// The per-patient document: a `collection` Bundle whose entries refer to each other by their full URLs.
struct FHIRBundle: Encodable {
    let resourceType = "Bundle"
    var id: String
    var type: String
    var timestamp: String
    var entry: [Entry]

    /// One resource with its `urn:uuid:` full URL.
    struct Entry: Encodable {
        var fullUrl: String
        var resource: any FHIRResource

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fullUrl, forKey: .fullUrl)
            try container.encode(resource, forKey: .resource)
        }

        private enum CodingKeys: String, CodingKey { case fullUrl, resource }
    }
}
