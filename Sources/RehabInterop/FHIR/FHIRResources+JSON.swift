/// The resources other than `Observation`, and the Bundle, written by `JSONWriter` rather than `JSONEncoder`: the
/// same bytes, several times faster.
///
/// Each writes the members its `Encodable` conformance encodes, in ascending key order (what `.sortedKeys` gives),
/// leaving out nil ones. A member added to one of these types must be added here too: the differential tests
/// (`FHIRJSONWriterTests`) compare these bytes with `JSONEncoder`'s and fail until it is.

extension FHIRPatient: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("active", active)
            try json.member("id", id)
            try json.member("identifier", identifier)
            try json.member("name", name)
            try json.member("resourceType", resourceType)
            try json.member("telecom", telecom)
        }
    }
}

extension FHIRProcedure: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("bodySite", bodySite)
            try json.member("code", code)
            try json.member("id", id)
            try json.member("performedDateTime", performedDateTime)
            try json.member("resourceType", resourceType)
            try json.member("status", status)
            try json.member("subject", subject)
        }
    }
}

extension FHIRCondition: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("bodySite", bodySite)
            try json.member("code", code)
            try json.member("id", id)
            try json.member("recordedDate", recordedDate)
            try json.member("resourceType", resourceType)
            try json.member("subject", subject)
        }
    }
}

extension FHIREpisodeOfCare: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("careManager", careManager)
            try json.member("diagnosis", diagnosis)
            try json.member("id", id)
            try json.member("patient", patient)
            try json.member("period", period)
            try json.member("resourceType", resourceType)
            try json.member("status", status)
        }
    }
}

extension FHIREpisodeOfCare.Diagnosis: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("condition", condition)
        }
    }
}

extension FHIRCarePlan: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("activity", activity)
            try json.member("addresses", addresses)
            try json.member("author", author)
            try json.member("created", created)
            try json.member("description", description)
            try json.member("id", id)
            try json.member("intent", intent)
            try json.member("note", note)
            try json.member("period", period)
            try json.member("replaces", replaces)
            try json.member("resourceType", resourceType)
            try json.member("status", status)
            try json.member("subject", subject)
            try json.member("supportingInfo", supportingInfo)
            try json.member("title", title)
        }
    }
}

extension FHIRCarePlan.Activity: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("detail", detail)
            try json.member("progress", progress)
        }
    }
}

extension FHIRCarePlan.Detail: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("code", code)
            try json.member("description", description)
            try json.member("status", status)
        }
    }
}

extension FHIRQuestionnaireResponse: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("author", author)
            try json.member("authored", authored)
            try json.member("id", id)
            try json.member("item", item)
            try json.member("questionnaire", questionnaire)
            try json.member("resourceType", resourceType)
            try json.member("source", source)
            try json.member("status", status)
            try json.member("subject", subject)
        }
    }
}

extension FHIRQuestionnaireResponse.Item: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("answer", answer)
            try json.member("linkId", linkId)
            try json.member("text", text)
        }
    }
}

extension FHIRQuestionnaireResponse.Answer: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("valueInteger", valueInteger)
        }
    }
}

extension FHIRDetectedIssue: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("code", code)
            try json.member("detail", detail)
            try json.member("id", id)
            try json.member("identifiedDateTime", identifiedDateTime)
            try json.member("implicated", implicated)
            try json.member("patient", patient)
            try json.member("resourceType", resourceType)
            try json.member("severity", severity)
            try json.member("status", status)
        }
    }
}

extension FHIRFlag: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("code", code)
            try json.member("id", id)
            try json.member("period", period)
            try json.member("resourceType", resourceType)
            try json.member("status", status)
            try json.member("subject", subject)
        }
    }
}

extension FHIRBundle: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("entry", entry)
            try json.member("id", id)
            try json.member("resourceType", resourceType)
            try json.member("timestamp", timestamp)
            try json.member("type", type)
        }
    }
}

extension FHIRBundle.Entry: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("fullUrl", fullUrl)
            try json.member("resource", resource)
        }
    }
}
