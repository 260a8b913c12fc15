import RehabCore

/// Every code system and code the FHIR export writes, in one place, each standard code with its source.
///
/// A standard code appears here only when a published source confirms it (docs/interop.md lists them). Everything
/// else uses KneeRehab's own code systems under `projectBase`, so a receiver never mistakes a local meaning for a
/// standard one.
enum FHIRCodes {
    // MARK: - Standard systems

    /// SNOMED CT.
    static let snomed = "http://snomed.info/sct"
    /// LOINC.
    static let loinc = "http://loinc.org"
    /// UCUM units.
    static let ucum = "http://unitsofmeasure.org"
    /// HL7's observation categories (`exam`, `survey`, `activity`).
    static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    /// HL7's reasons a value is missing.
    static let dataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason"

    // MARK: - KneeRehab's own systems

    /// The root of KneeRehab's own code systems; each kind of code has its own system below it.
    static let projectBase = "https://kneerehab.example/fhir/"

    /// A code system of KneeRehab's, e.g. `https://kneerehab.example/fhir/CodeSystem/exercise`.
    static func project(_ name: String) -> String { "\(projectBase)CodeSystem/\(name)" }

    /// The surgeries and pathways (the command line's `--surgery` values).
    static let pathway = project("pathway")
    /// Exercise ids of the catalog.
    static let exercise = project("exercise")
    /// KneeRehab's observation codes: what a session, a check-in item or a measurement records.
    static let observation = project("observation")
    /// How a measurement was taken.
    static let measurementMethod = project("measurement-method")
    /// How hard an exercise felt.
    static let difficulty = project("difficulty")
    /// Patient-reported swelling.
    static let swelling = project("swelling")
    /// The triage levels.
    static let triageLevel = project("triage-level")
    /// The rules that raise triage reasons and alerts.
    static let rule = project("rule")
    /// Patients by their KneeRehab id.
    static let patientIdentifier = "\(projectBase)NamingSystem/patient-id"
    /// Accounts (clinicians) by their KneeRehab id.
    static let accountIdentifier = "\(projectBase)NamingSystem/account-id"

    /// The canonical URL of an instrument's questionnaire, named in each `QuestionnaireResponse`.
    static func questionnaire(_ instrument: Instrument) -> String {
        "\(projectBase)Questionnaire/\(instrument.rawValue)"
    }

    /// A code of KneeRehab's observation system.
    static func observation(_ code: String, _ display: String) -> FHIRCoding {
        FHIRCoding(system: observation, code: code, display: display)
    }

    /// A concept of KneeRehab's observation system alone, its words as the text.
    static func observationConcept(_ code: String, _ words: String) -> FHIRCodeableConcept {
        FHIRCodeableConcept(observation(code, words), text: words)
    }

    /// A 0–10 pain rating: LOINC 72514-3 and KneeRehab's code for which pain it is.
    static func painConcept(_ code: String, _ words: String) -> FHIRCodeableConcept {
        FHIRCodeableConcept([painScore, observation(code, words)], text: words)
    }

    // MARK: - Standard codes

    /// LOINC 72514-3, "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (CONTRACT.md).
    static let painScore = FHIRCoding(
        system: loinc, code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
    /// LOINC 82324-5, the KOOS JR total (CONTRACT.md; eCQM CMS66).
    static let koosJRScore = FHIRCoding(
        system: loinc, code: "82324-5", display: "Knee injury and osteoarthritis outcome score for joint replacement")
    /// LOINC 8310-5, body temperature (the R4 body temperature profile).
    static let bodyTemperature = FHIRCoding(system: loinc, code: "8310-5", display: "Body temperature")
    /// SNOMED CT 30989003, knee pain (finding).
    static let kneePain = FHIRCoding(system: snomed, code: "30989003", display: "Knee pain")

    /// The LOINC code of each KOOS subscale score, from the eCQM CMS66 value sets.
    static func koos(_ subscale: KOOS.Subscale) -> FHIRCoding {
        switch subscale {
        case .pain: FHIRCoding(system: loinc, code: "72102-7", display: "Pain score [KOOS]")
        case .symptoms: FHIRCoding(system: loinc, code: "72101-9", display: "Symptoms score [KOOS]")
        case .adl: FHIRCoding(system: loinc, code: "72100-1", display: "Activities of daily living score [KOOS]")
        case .sport: FHIRCoding(system: loinc, code: "72099-5", display: "Sport-recreation score [KOOS]")
        case .qol: FHIRCoding(system: loinc, code: "72098-7", display: "Quality of life score [KOOS]")
        }
    }

    /// The surgery as SNOMED CT, where a code for exactly that procedure is confirmed: only the total knee
    /// replacement (CONTRACT.md). The others are in `pathway` alone.
    static func snomedProcedure(_ kind: SurgeryKind) -> FHIRCoding? {
        switch kind {
        case .totalKneeReplacement: FHIRCoding(system: snomed, code: "609588000", display: "Total knee replacement")
        case .aclReconstruction, .meniscusRepair, .partialMeniscectomy, .mclReconstruction, .medialKneePain: nil
        }
    }

    /// The knee of one side as SNOMED CT body structure (CONTRACT.md).
    static func knee(_ side: Side) -> FHIRCodeableConcept {
        switch side {
        case .left:
            FHIRCodeableConcept(
                FHIRCoding(system: snomed, code: "82169009", display: "Structure of left knee region"),
                text: "Left knee")
        case .right:
            FHIRCodeableConcept(
                FHIRCoding(system: snomed, code: "6757004", display: "Structure of right knee region"),
                text: "Right knee")
        }
    }

    /// An observation category of HL7's system.
    static func category(_ code: String, _ display: String) -> FHIRCodeableConcept {
        FHIRCodeableConcept(FHIRCoding(system: observationCategory, code: code, display: display))
    }
}
