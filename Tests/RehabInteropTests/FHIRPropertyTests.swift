import Foundation
import PropertyBased
import RehabCore
import RehabInterop
import RehabTesting
import Testing

/// For any stored history: every reference resolves, in the Bundle and in the bulk lines, and there are exactly as
/// many resources as the history holds.
struct FHIRPropertyTests {
    static let pain = Gen.int(in: 0...10).optional
    static let sessions = zip(pain, pain, Gen.int(in: 0...3), Gen.bool.optional).array(of: 0...6)
    static let checkIns = zip(pain, Gen.bool.optional, Gen.bool.optional, Gen.bool.optional).array(of: 0...4)
    static let measurements = zip(Gen.int(in: 0..<MeasurementKind.allCases.count), Gen.bool).array(of: 0...4)
    static let history = zip(
        Gen.int(in: 0..<SurgeryKind.allCases.count), sessions, checkIns, measurements,
        Gen.int(in: 0...10).array(of: 0...3), Gen.bool.array(of: 0...3), Gen.int(in: 0...3), Gen.bool)

    @Test func referencesResolveAndEveryStoredValueIsExportedOnce() async {
        await propertyCheck(count: 60, input: Self.history) {
            kind, sessions, checkIns, measurements, pains, alerts, revisions, discharged in
            let export = try Self.export(
                kind: SurgeryKind.allCases[kind], sessions: sessions, checkIns: checkIns, measurements: measurements,
                pains: pains, alerts: alerts, revisions: revisions, discharged: discharged)
            let (bundle, resources) = try FHIRJSON.bundle(export)
            #expect(resources.count == FHIRExpectation.resourceCount(export))
            let urls = Set((bundle["entry"] as? [FHIRJSON.Object] ?? []).compactMap { $0["fullUrl"] as? String })
            #expect(urls.count == resources.count)
            #expect(FHIRJSON.references(bundle["entry"] ?? []).allSatisfy(urls.contains))
            let bulk = try FHIRJSON.bulk(export)
            let keys = Set(bulk.map { "\($0["resourceType"] as? String ?? "")/\($0["id"] as? String ?? "")" })
            #expect(keys.count == resources.count)
            #expect(FHIRJSON.references(bulk).allSatisfy(keys.contains))
        }
    }

    typealias SessionInput = (Int?, Int?, Int, Bool?)
    typealias CheckInInput = (Int?, Bool?, Bool?, Bool?)

    /// An export of the generated history; ids count up from fixed numbers so every run is repeatable.
    static func export(
        kind: SurgeryKind, sessions: [SessionInput], checkIns: [CheckInInput], measurements: [(Int, Bool)],
        pains: [Int], alerts: [Bool], revisions: Int, discharged: Bool
    ) throws -> PatientExport {
        let catalog = FHIRFixtures.catalog
        let surgery = Surgery(kind: kind, side: .right, date: RecordBuilder.day0)
        let patientID = PatientID(rawValue: FHIRFixtures.uuid(2))
        var record = PatientRecord(surgery: surgery)
        if discharged { record.discharge = Discharge(date: surgery.date.adding(days: 90), reason: .plateau, keep: []) }
        let exerciseIDs = catalog.exerciseIDs
        let storedSessions = sessions.enumerated().map { index, input in
            let (before, after, count, stopped) = input
            let done = (0..<count).map { PerformedExercise(id: exerciseIDs[($0 + index) % exerciseIDs.count], sets: 2) }
            return StoredSession(
                id: SessionID(rawValue: FHIRFixtures.uuid(1000 + index)), patientID: patientID,
                session: ExerciseSession(
                    date: surgery.date.adding(days: index), painBefore: before, painAfter: after,
                    stoppedForPain: stopped, exercises: done),
                planRevision: revisions > 0 ? 1 : nil, note: nil, createdAt: FHIRFixtures.at(Double(index)))
        }
        let storedCheckIns = checkIns.enumerated().map { index, input in
            let checkIn = CheckIn(
                date: surgery.date.adding(days: index), painMorning: input.0, calfPainOrSwelling: input.1,
                chestPainOrBreathless: input.2, kneeLocked: input.3)
            return StoredCheckIn(
                id: CheckInID(rawValue: FHIRFixtures.uuid(2000 + index)), patientID: patientID, checkIn: checkIn,
                triage: Triage.assess(checkIn, policy: catalog.triage), alertID: nil,
                createdAt: FHIRFixtures.at(Double(index)))
        }
        let storedMeasurements = measurements.enumerated().map { index, input in
            let kind = MeasurementKind.allCases[input.0]
            return StoredMeasurement(
                id: MeasurementID(rawValue: FHIRFixtures.uuid(3000 + index)), patientID: patientID,
                measurement: Measurement(
                    date: surgery.date.adding(days: index), kind: kind, side: .right,
                    value: catalog.measurements.spec(kind).range.max),
                createdAt: FHIRFixtures.at(Double(index)),
                strike: input.1 ? MeasurementStrike(reason: "Typo", by: nil, at: FHIRFixtures.at(1)) : nil)
        }
        let responses = pains.enumerated().map { index, pain in
            QuestionnaireResponse(
                id: QuestionnaireResponseID(rawValue: FHIRFixtures.uuid(4000 + index)), patientID: patientID,
                date: surgery.date.adding(days: index), answers: QuestionnaireAnswers(["pain": pain]),
                score: .nprs(NPRSScore(score: pain)), createdAt: FHIRFixtures.at(Double(index)))
        }
        let storedAlerts = alerts.enumerated().map { index, open in
            StoredAlert(
                id: AlertID(rawValue: FHIRFixtures.uuid(5000 + index)), patientID: patientID, level: .info,
                rule: AlertRule.phaseGateMet.rawValue, message: "Gate met", raisedAt: FHIRFixtures.at(Double(index)),
                acknowledgedAt: open ? nil : FHIRFixtures.at(Double(index + 1)))
        }
        let plan = try FHIRFixtures.engine.plan(for: surgery, on: surgery.date)
        let storedRevisions = (0..<revisions).map { index in
            PlanRevision(
                id: PlanRevisionID(rawValue: FHIRFixtures.uuid(6000 + index)), patientID: patientID,
                number: index + 1, previous: index == 0 ? nil : index, effectiveDate: surgery.date.adding(days: index),
                author: index % 2 == 0 ? .rule("progression-engine") : .clinician(FHIRFixtures.clinician),
                reason: "Revision \(index + 1)", plan: plan, createdAt: FHIRFixtures.at(Double(index)))
        }
        let patient = Patient(
            id: patientID, accountID: AccountID(rawValue: FHIRFixtures.uuid(3)), clinicianID: FHIRFixtures.clinician,
            name: "Bo", email: "", surgery: surgery, createdAt: FHIRFixtures.now, discharge: record.discharge)
        return PatientExport(
            patient: patient, record: record, sessions: storedSessions, checkIns: storedCheckIns,
            measurements: storedMeasurements, responses: responses, alerts: storedAlerts, revisions: storedRevisions)
    }
}
