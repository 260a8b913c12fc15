/// `Observation`s, nearly every line of an export, written by `JSONWriter` rather than `JSONEncoder`: the same
/// bytes, several times faster.
///
/// Each writes the members its `Encodable` conformance encodes, in ascending key order (what `.sortedKeys` gives),
/// leaving out nil ones. A member added to one of these types must be added here too: the differential tests
/// (`FHIRJSONWriterTests`) compare these bytes with `JSONEncoder`'s and fail until it is.

extension FHIRObservation: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("basedOn", basedOn)
            try json.member("bodySite", bodySite)
            try json.member("category", category)
            try json.member("code", code)
            try json.member("component", component)
            try json.member("dataAbsentReason", dataAbsentReason)
            try json.member("derivedFrom", derivedFrom)
            try json.member("effectiveDateTime", effectiveDateTime)
            try json.member("hasMember", hasMember)
            try json.member("id", id)
            try json.member("issued", issued)
            try json.member("method", method)
            try json.member("note", note)
            try json.member("resourceType", resourceType)
            try json.member("status", status)
            try json.member("subject", subject)
            try json.member("valueCodeableConcept", valueCodeableConcept)
            try json.member("valueQuantity", valueQuantity)
        }
    }
}

extension FHIRObservation.Component: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("code", code)
            try json.member("dataAbsentReason", dataAbsentReason)
            try json.member("valueBoolean", valueBoolean)
            try json.member("valueCodeableConcept", valueCodeableConcept)
            try json.member("valueInteger", valueInteger)
            try json.member("valueQuantity", valueQuantity)
        }
    }
}
