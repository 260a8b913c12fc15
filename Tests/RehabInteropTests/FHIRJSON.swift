import Foundation
import RehabCore
import RehabInterop

/// Reads exported FHIR JSON back as plain dictionaries, the way a receiver sees it.
enum FHIRJSON {
    typealias Object = [String: Any]

    struct NotAnObject: Error {}

    /// One JSON object.
    static func object(_ data: Data) throws -> Object {
        guard let object = try JSONSerialization.jsonObject(with: data) as? Object else { throw NotAnObject() }
        return object
    }

    /// The Bundle and its resources in entry order.
    static func bundle(_ export: PatientExport, at time: Date = FHIRFixtures.now) throws -> (Object, [Object]) {
        let bundle = try object(FHIRExport.bundle(export, catalog: FHIRFixtures.catalog, generatedAt: time))
        let entries = bundle["entry"] as? [Object] ?? []
        return (bundle, entries.compactMap { $0["resource"] as? Object })
    }

    /// The NDJSON resources in line order.
    static func bulk(_ export: PatientExport) throws -> [Object] {
        try FHIRExport.resources(export, catalog: FHIRFixtures.catalog).map { try object($0.line) }
    }

    /// Every literal reference under `value`.
    static func references(_ value: Any) -> [String] {
        if let object = value as? Object {
            return object.flatMap { key, item in
                key == "reference" ? [item as? String].compactMap { $0 } : references(item)
            }
        }
        if let array = value as? [Any] { return array.flatMap(references) }
        return []
    }

    /// The resources of one type.
    static func of(_ type: String, in resources: [Object]) -> [Object] {
        resources.filter { $0["resourceType"] as? String == type }
    }

    /// Every `system|code` pair of every coding under `value`.
    static func codes(_ value: Any) -> Set<String> {
        if let object = value as? Object {
            var found = Set(object.values.flatMap(codes))
            if let system = object["system"] as? String, let code = object["code"] as? String {
                found.insert("\(system)|\(code)")
            }
            return found
        }
        if let array = value as? [Any] { return Set(array.flatMap(codes)) }
        return []
    }

    /// The `system|code` pairs of a resource's `code`.
    static func code(of resource: Object) -> Set<String> { codes(resource["code"] ?? [:]) }

    /// A string at a path of keys and array indexes, e.g. `["valueQuantity", "code"]`.
    static func string(_ value: Any?, _ path: [Any]) -> String? {
        var current = value
        for step in path {
            if let key = step as? String { current = (current as? Object)?[key] }
            if let index = step as? Int {
                guard let array = current as? [Any], array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current as? String
    }
}
