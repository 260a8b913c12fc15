import Foundation
import RehabCore
import RehabInterop
import Testing

/// What each stored value becomes: the resources, their codes (those of CONTRACT.md first) and their links.
struct FHIRMappingTests {
    typealias Object = FHIRJSON.Object

    static let snomed = "http://snomed.info/sct"
    static let loinc = "http://loinc.org"

    static func resources(_ kind: SurgeryKind = .totalKneeReplacement, side: Side = .left, discharged: Bool = true)
        throws -> [Object]
    {
        try FHIRJSON.bundle(FHIRFixtures.export(kind, side: side, discharged: discharged)).1
    }

    @Test(arguments: [(Side.left, "82169009"), (.right, "6757004")])
    func aTotalKneeReplacementIsAProcedureOnThatKnee(side: Side, bodySite: String) throws {
        let procedures = FHIRJSON.of("Procedure", in: try Self.resources(side: side))
        #expect(procedures.count == 1)
        let procedure = try #require(procedures.first)
        #expect(FHIRJSON.code(of: procedure).contains("\(Self.snomed)|609588000"))
        #expect(FHIRJSON.codes(procedure["bodySite"] ?? []).contains("\(Self.snomed)|\(bodySite)"))
        #expect(procedure["status"] as? String == "completed")
        #expect(procedure["performedDateTime"] as? String == "2026-10-01")
    }

    @Test(arguments: [SurgeryKind.aclReconstruction, .meniscusRepair, .partialMeniscectomy, .mclReconstruction])
    func otherSurgeriesUseTheProjectsPathwayCodeOnly(kind: SurgeryKind) throws {
        let procedure = try #require(FHIRJSON.of("Procedure", in: try Self.resources(kind)).first)
        #expect(
            FHIRJSON.code(of: procedure) == ["https://kneerehab.example/fhir/CodeSystem/pathway|\(kind.rawValue)"])
    }

    @Test func medialKneePainIsAConditionTheEpisodeAndPlansAddress() throws {
        let resources = try Self.resources(.medialKneePain)
        #expect(FHIRJSON.of("Procedure", in: resources).isEmpty)
        let condition = try #require(FHIRJSON.of("Condition", in: resources).first)
        #expect(FHIRJSON.code(of: condition).contains("\(Self.snomed)|30989003"))
        let url = "urn:uuid:\(condition["id"] as? String ?? "")"
        let episode = try #require(FHIRJSON.of("EpisodeOfCare", in: resources).first)
        #expect(FHIRJSON.references(episode["diagnosis"] ?? []) == [url])
        for plan in FHIRJSON.of("CarePlan", in: resources) {
            #expect(FHIRJSON.references(plan["addresses"] ?? []) == [url])
        }
    }

    @Test(arguments: [true, false])
    func theEpisodeOfCareIsFinishedByADischarge(discharged: Bool) throws {
        let episode = try #require(FHIRJSON.of("EpisodeOfCare", in: try Self.resources(discharged: discharged)).first)
        #expect(episode["status"] as? String == (discharged ? "finished" : "active"))
        #expect(FHIRJSON.string(episode, ["period", "end"]) == (discharged ? "2026-11-30" : nil))
        #expect(FHIRJSON.string(episode, ["careManager", "identifier", "value"]) == FHIRFixtures.clinician.description)
    }

    @Test func eachRevisionIsACarePlanReplacingTheOneBefore() throws {
        let plans = FHIRJSON.of("CarePlan", in: try Self.resources())
        #expect(plans.map { $0["status"] as? String } == ["revoked", "revoked", "active"])
        for (earlier, later) in zip(plans, plans.dropFirst()) {
            #expect(FHIRJSON.references(later["replaces"] ?? []) == ["urn:uuid:\(earlier["id"] as? String ?? "")"])
            #expect(FHIRJSON.string(earlier, ["period", "end"]) == FHIRJSON.string(later, ["period", "start"]))
        }
        #expect(plans[0]["replaces"] == nil)
        #expect(FHIRJSON.string(plans[0], ["note", 0, "authorString"]) == "KneeRehab rule progression-engine")
        #expect(FHIRJSON.string(plans[1], ["note", 0, "text"]) == "Start step-ups on a low step")
        #expect(FHIRJSON.string(plans[1], ["author", "identifier", "value"]) == FHIRFixtures.clinician.description)
        let activities = plans[1]["activity"] as? [Object] ?? []
        #expect(!activities.isEmpty)
        for activity in activities {
            let detail = activity["detail"] as? Object ?? [:]
            #expect(
                FHIRJSON.string(detail, ["code", "coding", 0, "system"])
                    == "https://kneerehab.example/fhir/CodeSystem/exercise")
            #expect(!(detail["description"] as? String ?? "").isEmpty)
            #expect(detail["status"] as? String == "stopped")
        }
        let discharge = (plans[2]["note"] as? [Object] ?? []).compactMap { $0["text"] as? String }
        #expect(discharge.contains { $0.hasPrefix("Discharged on 2026-11-30: Goals met.") })
    }

    @Test func sessionsArePanelsOfPainRatingsAndExercisesBasedOnTheirPlan() throws {
        let resources = try Self.resources()
        let observations = FHIRJSON.of("Observation", in: resources)
        let byURL = Dictionary(uniqueKeysWithValues: observations.map { ("urn:uuid:\($0["id"] as? String ?? "")", $0) })
        let panels = observations.filter {
            FHIRJSON.code(of: $0).contains("https://kneerehab.example/fhir/CodeSystem/observation|exercise-session")
        }
        #expect(panels.count == 3)
        let first = try #require(panels.first)
        let members = FHIRJSON.references(first["hasMember"] ?? []).compactMap { byURL[$0] }
        #expect(members.count == 4)
        let painAfter = try #require(
            members.first { FHIRJSON.string($0, ["code", "text"]) == "Pain after the session" })
        #expect(FHIRJSON.code(of: painAfter).contains("\(Self.loinc)|72514-3"))
        #expect(FHIRJSON.string(painAfter, ["valueQuantity", "code"]) == "{score}")
        #expect((painAfter["valueQuantity"] as? Object)?["value"] as? Int == 3)
        let plans = FHIRJSON.of("CarePlan", in: resources)
        #expect(FHIRJSON.references(first["basedOn"] ?? []) == ["urn:uuid:\(plans[0]["id"] as? String ?? "")"])
        let quadSet = try #require(members.first { FHIRJSON.string($0, ["code", "coding", 0, "code"]) == "quad-set" })
        let components = quadSet["component"] as? [Object] ?? []
        #expect(components.contains { FHIRJSON.codes($0["code"] ?? [:]).contains("\(Self.loinc)|72514-3") })
        #expect(components.contains { ($0["valueInteger"] as? Int) == 10 })
        #expect(FHIRJSON.string(panels[1], ["note", 0, "text"]) == "Stopped, the knee felt hot")
        #expect((panels[1]["component"] as? [Object])?.first?["valueBoolean"] as? Bool == true)
    }

    @Test func measurementsAreExamObservationsInUCUMAndAStrikeIsEnteredInError() throws {
        let resources = try Self.resources()
        let exams = FHIRJSON.of("Observation", in: resources).filter {
            FHIRJSON.codes($0["category"] ?? []).contains(
                "http://terminology.hl7.org/CodeSystem/observation-category|exam")
        }
        #expect(exams.count == 5)
        func unit(_ kind: String) -> String? {
            let exam = exams.first { FHIRJSON.string($0, ["code", "coding", 0, "code"]) == kind }
            return FHIRJSON.string(exam, ["valueQuantity", "code"])
        }
        #expect(unit("knee-flexion") == "deg")
        #expect(unit("single-leg-balance") == "s")
        #expect(unit("quadriceps-strength") == "N")
        let flexion = try #require(
            exams.first { FHIRJSON.string($0, ["code", "coding", 0, "code"]) == "knee-flexion" })
        #expect(FHIRJSON.string(flexion, ["method", "coding", 0, "code"]) == "goniometer")
        #expect(FHIRJSON.codes(flexion["bodySite"] ?? [:]).contains("\(Self.snomed)|82169009"))
        let struck = exams.filter { $0["status"] as? String == "entered-in-error" }
        #expect(struck.count == 1)
        #expect(FHIRJSON.string(struck.first, ["note", 0, "text"]) == "Struck out: Entered on the wrong leg")
        #expect(exams.filter { $0["status"] as? String == "final" }.count == 4)
    }

    @Test func eachQuestionnaireResponseHasOneSurveyScoreDerivedFromIt() throws {
        let resources = try Self.resources()
        let responses = FHIRJSON.of("QuestionnaireResponse", in: resources)
        #expect(responses.count == Instrument.allCases.count)
        let observations = FHIRJSON.of("Observation", in: resources)
        for response in responses {
            let url = "urn:uuid:\(response["id"] as? String ?? "")"
            let scores = observations.filter { FHIRJSON.references($0["derivedFrom"] ?? []) == [url] }
            #expect(scores.count == 1)
            #expect(FHIRJSON.string(scores.first, ["category", 0, "coding", 0, "code"]) == "survey")
            #expect(!(response["item"] as? [Object] ?? []).isEmpty)
        }
        let koosJR = try #require(observations.first { FHIRJSON.code(of: $0).contains("\(Self.loinc)|82324-5") })
        #expect((koosJR["valueQuantity"] as? Object)?["value"] as? Double != nil)
        let koos = try #require(
            observations.first {
                FHIRJSON.code(of: $0).contains("https://kneerehab.example/fhir/CodeSystem/observation|koos-scores")
            })
        let subscales = koos["component"] as? [Object] ?? []
        #expect(subscales.count == 5)
        let sport = try #require(
            subscales.first { FHIRJSON.codes($0["code"] ?? [:]).contains("\(Self.loinc)|72099-5") })
        #expect(sport["dataAbsentReason"] != nil && sport["valueQuantity"] == nil)
    }

    @Test func anUrgentCheckInIsADetectedIssueAndOnlyOpenAlertsAreFlags() throws {
        let export = try FHIRFixtures.export()
        let resources = try FHIRJSON.bundle(export).1
        let issues = FHIRJSON.of("DetectedIssue", in: resources)
        #expect(issues.count == 1)
        let issue = try #require(issues.first)
        #expect(issue["severity"] as? String == (export.checkIns[1].triage.level == .emergency ? "high" : "moderate"))
        let implicated = FHIRJSON.references(issue["implicated"] ?? [])
        let checkIn = try #require(
            FHIRJSON.of("Observation", in: resources).first { implicated == ["urn:uuid:\($0["id"] as? String ?? "")"] })
        #expect(
            FHIRJSON.code(of: checkIn).contains("https://kneerehab.example/fhir/CodeSystem/observation|daily-check-in"))
        #expect(FHIRJSON.codes(checkIn["component"] ?? []).contains("\(Self.loinc)|8310-5"))
        let flags = FHIRJSON.of("Flag", in: resources)
        #expect(flags.count == 1)
        #expect(FHIRJSON.string(flags.first, ["code", "coding", 0, "code"]) == export.alerts[0].rule)
        #expect(flags.first?["status"] as? String == "active")
    }

    @Test func thePatientCarriesTheStoredNameEmailAndId() throws {
        let patient = try #require(FHIRJSON.of("Patient", in: try Self.resources()).first)
        #expect(FHIRJSON.string(patient, ["name", 0, "text"]) == FHIRFixtures.patientName)
        #expect(FHIRJSON.string(patient, ["telecom", 0, "value"]) == FHIRFixtures.patientEmail)
        #expect(FHIRJSON.string(patient, ["identifier", 0, "value"]) == patient["id"] as? String)
    }
}
