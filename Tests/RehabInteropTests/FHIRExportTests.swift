import Foundation
import RehabCore
import RehabInterop
import Testing

/// The Bundle and the NDJSON lines of one patient: shape, references, ids and the codes CONTRACT.md names.
struct FHIRExportTests {
    typealias Object = FHIRJSON.Object

    @Test(arguments: [SurgeryKind.totalKneeReplacement, .aclReconstruction, .medialKneePain])
    func bundleIsACollectionWhoseEntriesHaveUUIDFullURLs(kind: SurgeryKind) throws {
        let (bundle, resources) = try FHIRJSON.bundle(FHIRFixtures.export(kind))
        #expect(bundle["resourceType"] as? String == "Bundle")
        #expect(bundle["type"] as? String == "collection")
        #expect(bundle["timestamp"] as? String == "2026-11-18T11:06:40Z")
        let entries = bundle["entry"] as? [Object] ?? []
        #expect(!entries.isEmpty)
        for entry in entries {
            let id = (entry["resource"] as? Object)?["id"] as? String ?? ""
            #expect(entry["fullUrl"] as? String == "urn:uuid:\(id)")
            #expect(UUID(uuidString: id) != nil)
        }
        #expect(Set(resources.compactMap { $0["id"] as? String }).count == resources.count)
        #expect(resources.first?["resourceType"] as? String == "Patient")
    }

    @Test(arguments: [SurgeryKind.totalKneeReplacement, .meniscusRepair, .medialKneePain], [true, false])
    func everyReferenceResolvesInsideTheBundle(kind: SurgeryKind, discharged: Bool) throws {
        let (bundle, _) = try FHIRJSON.bundle(FHIRFixtures.export(kind, discharged: discharged))
        let entries = bundle["entry"] as? [Object] ?? []
        let urls = Set(entries.compactMap { $0["fullUrl"] as? String })
        let references = FHIRJSON.references(entries)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(urls.contains(reference), "\(reference) does not resolve")
        }
    }

    @Test func bulkLinesAreSingleLineObjectsGroupedByTypeWithRelativeReferences() throws {
        let lines = try FHIRExport.resources(FHIRFixtures.export(), catalog: FHIRFixtures.catalog)
        var seen: [String] = []
        var keys = Set<String>()
        for (type, line) in lines {
            #expect(!line.contains(UInt8(ascii: "\n")) && !line.contains(UInt8(ascii: "\r")))
            let object = try FHIRJSON.object(line)
            #expect(object["resourceType"] as? String == type)
            keys.insert("\(type)/\(object["id"] as? String ?? "")")
            if seen.last != type {
                #expect(!seen.contains(type), "\(type) lines are not together")
                seen.append(type)
            }
        }
        #expect(seen == FHIRExport.resourceTypes.filter(seen.contains))
        #expect(keys.count == lines.count)
        for reference in FHIRJSON.references(try lines.map { try FHIRJSON.object($0.line) }) {
            #expect(keys.contains(reference), "\(reference) does not resolve")
        }
    }

    @Test func bundleAndBulkHoldTheSameResources() throws {
        let export = try FHIRFixtures.export()
        let (_, inBundle) = try FHIRJSON.bundle(export)
        let inBulk = try FHIRJSON.bulk(export)
        func keys(_ resources: [Object]) -> [String] {
            resources.map { "\($0["resourceType"] as? String ?? "")/\($0["id"] as? String ?? "")" }.sorted()
        }
        #expect(keys(inBundle) == keys(inBulk))
    }

    @Test func idsAndBytesAreTheSameOnEveryRun() throws {
        let first = try FHIRFixtures.export()
        let second = try FHIRFixtures.export()
        let catalog = FHIRFixtures.catalog
        #expect(
            try FHIRExport.bundle(first, catalog: catalog, generatedAt: FHIRFixtures.now)
                == FHIRExport.bundle(second, catalog: catalog, generatedAt: FHIRFixtures.now))
        #expect(
            try FHIRExport.resources(first, catalog: catalog).map(\.line)
                == FHIRExport.resources(second, catalog: catalog).map(\.line))
        let (_, earlier) = try FHIRJSON.bundle(first, at: FHIRFixtures.now)
        let (_, later) = try FHIRJSON.bundle(first, at: FHIRFixtures.at(48))
        #expect(earlier.compactMap { $0["id"] as? String } == later.compactMap { $0["id"] as? String })
        let patient = earlier.first { $0["resourceType"] as? String == "Patient" }
        #expect(patient?["id"] as? String == first.patient.id.description)
    }

    @Test func nothingButTheResourcesCarriesHealthData() throws {
        let export = try FHIRFixtures.export()
        var (bundle, _) = try FHIRJSON.bundle(export)
        #expect(Set(bundle.keys) == ["resourceType", "id", "type", "timestamp", "entry"])
        let entries = bundle["entry"] as? [Object] ?? []
        #expect(entries.allSatisfy { Set($0.keys) == ["fullUrl", "resource"] })
        bundle["entry"] = entries.map { ["fullUrl": $0["fullUrl"] ?? ""] }
        let outside = String(
            decoding: try JSONSerialization.data(withJSONObject: bundle, options: [.sortedKeys]), as: UTF8.self)
        for secret in [
            FHIRFixtures.patientName, FHIRFixtures.patientEmail, export.record.surgery.date.description,
            export.record.surgery.kind.rawValue, "snomed", "loinc", "pain",
        ] {
            #expect(!outside.contains(secret))
        }
        let error = FHIRExportError(code: .unencodableValue, resourceType: "Observation")
        #expect(error.description == "cannot write a FHIR Observation: unencodable-value")
    }

    @Test func aValueJSONCannotHoldIsRefusedNamingOnlyTheResourceType() throws {
        var export = try FHIRFixtures.export()
        export.measurements[0].measurement.value = .nan
        #expect(throws: FHIRExportError(code: .unencodableValue, resourceType: "Observation")) {
            try FHIRExport.bundle(export, catalog: FHIRFixtures.catalog, generatedAt: FHIRFixtures.now)
        }
        #expect(throws: FHIRExportError(code: .unencodableValue, resourceType: "Observation")) {
            try FHIRExport.resources(export, catalog: FHIRFixtures.catalog)
        }
    }

    @Test func theResourceCountIsWhatTheExportHolds() throws {
        let export = try FHIRFixtures.export()
        let (_, resources) = try FHIRJSON.bundle(export)
        #expect(resources.count == FHIRExpectation.resourceCount(export))
        #expect(FHIRJSON.of("CarePlan", in: resources).count == export.revisions.count)
        #expect(FHIRJSON.of("QuestionnaireResponse", in: resources).count == export.responses.count)
        #expect(FHIRJSON.of("DetectedIssue", in: resources).count == 1)
        #expect(FHIRJSON.of("Flag", in: resources).count == 1)
    }
}

/// What an export should turn into, counted from the stored values.
enum FHIRExpectation {
    /// Patient, surgery or condition, episode, one CarePlan per revision; per session a panel, its pain ratings
    /// and its exercises; per check-in one observation and a DetectedIssue for urgent or emergency triage; per
    /// measurement one observation; per response the response and its score; a Flag per open alert.
    static func resourceCount(_ export: PatientExport) -> Int {
        let sessions = export.sessions.map { stored in
            1 + [stored.session.painBefore, stored.session.painAfter].compactMap { $0 }.count
                + stored.session.exercises.count
        }
        return 3 + export.revisions.count + sessions.reduce(0, +) + export.checkIns.count
            + export.checkIns.filter(\.triage.raisesAlert).count + export.measurements.count
            + 2 * export.responses.count + export.alerts.filter(\.isOpen).count
    }
}
