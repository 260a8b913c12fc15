/// The FHIR data types every resource holds, written by `JSONWriter`: the members their `Encodable` conformances
/// encode, in ascending key order, nil ones left out. The differential tests (`FHIRJSONWriterTests`) compare these
/// bytes with `JSONEncoder`'s.

extension FHIRCoding: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("code", code)
            try json.member("display", display)
            try json.member("system", system)
        }
    }
}

extension FHIRCodeableConcept: JSONWritable {
    /// The bytes written when the concept was made.
    func write(to json: inout JSONWriter) { json.raw(self.json) }
}

extension FHIRIdentifier: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("system", system)
            try json.member("value", value)
        }
    }
}

extension FHIRReference: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("identifier", identifier)
            try json.member("reference", reference)
            try json.member("type", type)
        }
    }
}

extension FHIRQuantity: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("code", code)
            try json.member("system", system)
            try json.member("unit", unit)
            if let whole = wholeValue {
                try json.member("value", whole)
            } else {
                try json.member("value", value)
            }
        }
    }
}

extension FHIRAnnotation: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("authorReference", authorReference)
            try json.member("authorString", authorString)
            try json.member("text", text)
            try json.member("time", time)
        }
    }
}

extension FHIRPeriod: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("end", end)
            try json.member("start", start)
        }
    }
}

extension FHIRHumanName: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("text", text)
        }
    }
}

extension FHIRContactPoint: JSONWritable {
    func write(to json: inout JSONWriter) throws(JSONWriter.NonFiniteNumber) {
        try json.object { json throws(JSONWriter.NonFiniteNumber) in
            try json.member("system", system)
            try json.member("value", value)
        }
    }
}
