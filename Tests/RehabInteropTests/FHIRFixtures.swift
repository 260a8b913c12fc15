import Foundation
import RehabCore
import RehabInterop
import RehabTesting

/// Realistic exports for the FHIR tests: a record built day by day, stored with fixed ids and times so two runs
/// export the same bytes.
enum FHIRFixtures {
    static let catalog = Catalog.bundled
    static let engine = PlanEngine(catalog: catalog)
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let clinician = AccountID(rawValue: uuid(1))
    static let patientName = "Ana Pérez-Okoro"
    static let patientEmail = "ana.perez@example.test"

    /// A fixed UUID numbered `number`.
    static func uuid(_ number: Int) -> UUID {
        let digits = String(number)
        let tail = String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        return UUID(uuidString: "00000000-0000-4000-8000-\(tail)") ?? UUID()
    }

    /// A stored time `hours` after `now`.
    static func at(_ hours: Double) -> Date { now.addingTimeInterval(hours * 3600) }

    /// One patient with every kind of stored value: sessions (one stopped for pain, one with a note), a quiet and
    /// an urgent check-in, measurements (one struck out), every questionnaire, an open and an acknowledged alert,
    /// and plan revisions by the engine and by the clinician, the last one a discharge when `discharged`.
    ///
    /// `patient` numbers the patient: every stored id of patient n differs from those of patient m.
    static func export(
        _ kind: SurgeryKind = .totalKneeReplacement, side: Side = .left, discharged: Bool = true, patient: Int = 0
    ) throws -> PatientExport {
        try Stored(kind: kind, side: side, discharged: discharged, patient: patient).export()
    }

    /// The stored values of one fixture patient.
    struct Stored {
        let builder: RecordBuilder
        let discharged: Bool
        let offset: Int
        let patientID: PatientID

        init(kind: SurgeryKind, side: Side, discharged: Bool, patient: Int) {
            builder = FHIRFixtures.history(kind, side: side)
            self.discharged = discharged
            offset = patient * 10_000
            patientID = PatientID(rawValue: uuid(offset + 2))
        }

        func id(_ number: Int) -> UUID { uuid(offset + number) }

        func export() throws -> PatientExport {
            var record = builder.record
            record.measurements[0].method = .goniometer
            record.measurements[1].method = .goniometer
            record.measurements[1].note = "Measured supine"
            record.measurements[2].method = .patientReported
            let checkIns = checkIns(record)
            var revisions = try firstRevisions(record)
            if discharged {
                record.discharge = Discharge(
                    date: builder.date(60), reason: .goalsMet, note: "Walking without a stick",
                    keep: [KeptExercise(id: "straight-leg-raise", step: 2)])
                revisions.append(
                    PlanRevision(
                        id: PlanRevisionID(rawValue: id(602)), patientID: patientID, number: 3, previous: 2,
                        effectiveDate: builder.date(60), author: .clinician(clinician), reason: "Discharged: goals met",
                        plan: try engine.review(record, on: builder.date(60)), createdAt: at(1440)))
            }
            let patient = Patient(
                id: patientID, accountID: AccountID(rawValue: id(3)), clinicianID: clinician, name: patientName,
                email: patientEmail, surgery: record.surgery, createdAt: now, discharge: record.discharge)
            return PatientExport(
                patient: patient, record: record, sessions: sessions(record), checkIns: checkIns,
                measurements: measurements(record), responses: try responses(), alerts: alerts(checkIns),
                revisions: revisions)
        }

        func sessions(_ record: PatientRecord) -> [StoredSession] {
            record.sessions.enumerated().map { index, session in
                StoredSession(
                    id: SessionID(rawValue: id(100 + index)), patientID: patientID, session: session,
                    planRevision: index < 2 ? 1 : 2, note: index == 1 ? "Stopped, the knee felt hot" : nil,
                    createdAt: at(Double(24 * (index + 3))))
            }
        }

        func checkIns(_ record: PatientRecord) -> [StoredCheckIn] {
            record.checkIns.enumerated().map { index, checkIn in
                let triage = Triage.assess(checkIn, policy: catalog.triage)
                return StoredCheckIn(
                    id: CheckInID(rawValue: id(200 + index)), patientID: patientID, checkIn: checkIn, triage: triage,
                    alertID: triage.raisesAlert ? AlertID(rawValue: id(500)) : nil,
                    createdAt: at(Double(100 + index)))
            }
        }

        /// The record's measurements, a struck-out one and one of the other leg.
        func measurements(_ record: PatientRecord) -> [StoredMeasurement] {
            let side = record.surgery.side
            let inForce = record.measurements.enumerated().map { index, measurement in
                StoredMeasurement(
                    id: MeasurementID(rawValue: id(300 + index)), patientID: patientID, measurement: measurement,
                    createdAt: at(Double(200 + index)))
            }
            return inForce + [
                StoredMeasurement(
                    id: MeasurementID(rawValue: id(399)), patientID: patientID,
                    measurement: Measurement(
                        date: builder.date(7), kind: .quadricepsStrength, side: side, value: 180, method: .dynamometer),
                    createdAt: at(201.5),
                    strike: MeasurementStrike(reason: "Entered on the wrong leg", by: clinician, at: at(202))),
                StoredMeasurement(
                    id: MeasurementID(rawValue: id(398)), patientID: patientID,
                    measurement: Measurement(
                        date: builder.date(9), kind: .quadricepsStrength, side: side.other, value: 240.5,
                        method: .dynamometer),
                    createdAt: at(203)),
            ]
        }

        /// The urgent check-in's alert, still open, and an acknowledged one.
        func alerts(_ checkIns: [StoredCheckIn]) -> [StoredAlert] {
            let reason = checkIns.first { $0.triage.raisesAlert }?.triage.reasons.first
            return [
                StoredAlert(
                    id: AlertID(rawValue: id(500)), patientID: patientID, level: .urgent,
                    rule: reason?.rule ?? "calf-pain-or-swelling", message: reason?.message ?? "Calf pain",
                    raisedAt: at(101)),
                StoredAlert(
                    id: AlertID(rawValue: id(501)), patientID: patientID, level: .info,
                    rule: AlertRule.missedSessions.rawValue, message: "No session for three days", raisedAt: at(50),
                    acknowledgedBy: clinician, acknowledgedAt: at(60)),
            ]
        }

        /// The engine's first plan and the clinician's revision that adds step-ups.
        func firstRevisions(_ record: PatientRecord) throws -> [PlanRevision] {
            [
                PlanRevision(
                    id: PlanRevisionID(rawValue: id(600)), patientID: patientID, number: 1, previous: nil,
                    effectiveDate: record.surgery.date, author: .rule("progression-engine"), reason: "First plan",
                    plan: try engine.plan(for: record.surgery, on: record.surgery.date), createdAt: at(0)),
                PlanRevision(
                    id: PlanRevisionID(rawValue: id(601)), patientID: patientID, number: 2, previous: 1,
                    effectiveDate: builder.date(8), author: .clinician(clinician),
                    reason: "Start step-ups on a low step", plan: try engine.review(record, on: builder.date(8)),
                    createdAt: at(180)),
            ]
        }

        /// One response to every instrument; KOOS leaves the sport items blank, so that subscale has no score.
        func responses() throws -> [QuestionnaireResponse] {
            let scorer = try QuestionnaireCatalog.bundled()
            return try FHIRFixtures.answers.enumerated().map { index, pair in
                let given = QuestionnaireAnswers(pair.1)
                return QuestionnaireResponse(
                    id: QuestionnaireResponseID(rawValue: id(400 + index)), patientID: patientID,
                    date: builder.date(30), answers: given, score: try scorer.score(pair.0, answers: given),
                    createdAt: at(Double(720 + index)))
            }
        }
    }

    /// Ten days of sessions, check-ins and measurements, and a clinician's prescription on day 8.
    static func history(_ kind: SurgeryKind, side: Side) -> RecordBuilder {
        RecordBuilder(kind, side: side)
            .session(
                day: 3, painBefore: 2, painAfter: 3,
                [
                    PerformedExercise(id: "warm-up-walk", durationMinutes: 5, painDuring: 1, difficulty: .easy),
                    PerformedExercise(
                        id: "quad-set", sets: 3, reps: 10, holdSeconds: 5, step: 1, painDuring: 2, difficulty: .right),
                ]
            )
            .session(
                day: 5, painAfter: 5, stoppedForPain: true,
                [PerformedExercise(id: "heel-slide", sets: 2, reps: 10, painDuring: 6, difficulty: .hard)]
            )
            .session(
                day: 9, painAfter: 2,
                [
                    PerformedExercise(
                        id: "step-up", sets: 2, reps: 8, stepHeightCm: 10, loadKg: 0.5, step: 1, painDuring: 1,
                        difficulty: .right),
                    PerformedExercise(id: "ice", durationMinutes: 15),
                ]
            )
            .checkIn(day: 4, painMorning: 2, painAtRest: 1, swelling: .mild)
            .checkIn(day: 6, painMorning: 5, painAtRest: 4, swelling: .moderate) {
                $0.temperatureCelsius = 37.4
                $0.calfPainOrSwelling = true
                $0.woundRedness = false
            }
            .measured(.kneeFlexion, 95, day: 7)
            .measured(.kneeExtension, 4, day: 7)
            .measured(.singleLegBalance, 12.5, day: 9)
            .prescribed("step-up", step: 1, day: 8, note: "Start step-ups on a low step")
    }

    /// Answers to every instrument; KOOS leaves the sport items blank, so that subscale has no score.
    static let answers: [(Instrument, [String: Int?])] = [
        (.nprs, ["pain": 3]),
        (.koosJR, Dictionary(uniqueKeysWithValues: (1...7).map { ("\($0)", $0 % 3) })),
        (
            .koos,
            Dictionary(uniqueKeysWithValues: Instrument.koos.items.map { ($0.id, $0.id.hasPrefix("SP") ? nil : 1) })
        ),
        (.lefs, Dictionary(uniqueKeysWithValues: (1...20).map { ("\($0)", 3) })),
        (.ikdc, Dictionary(uniqueKeysWithValues: Instrument.ikdc.items.map { ($0.id, min(2, $0.maximum)) })),
    ]
}
