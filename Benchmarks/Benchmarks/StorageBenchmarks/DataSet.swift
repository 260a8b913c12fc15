import Foundation
import GRDB
import PostgresNIO
import RehabCore
import RehabPostgres
import RehabSQLite
import RehabStorageKit

/// The generated clinic for the list and size figures: 20 clinicians × 500 patients, each with 180 days of care
/// behind them: a session on nine days in ten (two on every fifth day), about 1.94 million sessions in all, and a
/// daily check-in. Accounts and patients go through the repository methods; sessions and check-ins are bulk
/// inserted (SQLite: one prepared statement per batch; PostgreSQL: COPY) with the same JSON the stores write.
/// Generation runs once per database and is remembered (SQLite: a `.done` file; PostgreSQL: a marker table).
enum DataSet {
    /// Clinicians in the clinic.
    static let clinicians = 20
    /// Patients per clinician.
    static let patientsPerClinician = 500
    /// Days of care per patient.
    static let days = 180
    /// Every patient's surgery day.
    static let surgeryDate = CalendarDate(year: 2026, month: 5, day: 1) ?? CalendarDate(dayNumber: 0)
    /// The day the lists are for: the last day of care.
    static var asOf: CalendarDate { surgeryDate.adding(days: days) }
    /// The bundled catalog's worklist thresholds.
    static let policy = WorklistPolicy(Catalog.bundled.progression)
    /// Patient-years stored.
    static var patientYears: Double { Double(clinicians * patientsPerClinician * days) / 365.25 }

    private static let exerciseIDs: [ExerciseID] = [
        "quad-set", "heel-slide", "straight-leg-raise", "ankle-pump", "short-arc-quad", "seated-knee-flexion",
    ]

    /// A deterministic pseudo-random number below `bound`.
    static func pick(_ seed: UInt64, _ bound: Int) -> Int {
        let mixed = (seed &+ 0x9E37_79B9_7F4A_7C15) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((mixed >> 33) % UInt64(bound))
    }

    /// A session on `day` days after surgery: six exercises with varying pain and difficulty.
    static func session(day: Int, seed: UInt64) -> ExerciseSession {
        let exercises = exerciseIDs.enumerated().map { index, id in
            PerformedExercise(
                id: id, sets: 3, reps: 10, holdSeconds: index % 2 == 0 ? 5 : nil,
                painDuring: pick(seed &+ UInt64(index), 5), difficulty: Difficulty.allCases[pick(seed, 3)])
        }
        return ExerciseSession(
            date: surgeryDate.adding(days: day), painBefore: pick(seed &* 3, 5), painAfter: pick(seed &* 7, 7),
            exercises: exercises)
    }

    /// The sessions of patient `patient`: (day, seed) pairs.
    static func sessionDays(patient: Int) -> [(day: Int, seed: UInt64)] {
        var result: [(Int, UInt64)] = []
        for day in 1...days {
            let seed = UInt64(patient) << 20 | UInt64(day)
            if pick(seed, 10) == 0 { continue }
            result.append((day, seed))
            if day % 5 == 0 { result.append((day, seed ^ 0xFFFF)) }
        }
        return result
    }

    /// The check-in of a patient's day.
    static func checkIn(day: Int, seed: UInt64) -> CheckIn {
        CheckIn(
            date: surgeryDate.adding(days: day), painAtRest: pick(seed, 4), painMorning: pick(seed &* 5, 4),
            swelling: pick(seed, 4) == 0 ? .mild : Swelling.none)
    }

    /// Makes the accounts and patients through `store`; returns each patient's id in order, with open alerts for
    /// one patient in fifty.
    static func makePatients(_ store: any RehabStore) async throws -> [PatientID] {
        let system = AuditActor(.system, origin: "bench", at: WriteFixture.now)
        var ids: [PatientID] = []
        for c in 0..<clinicians {
            let clinician = try await store.createAccount(
                NewAccount(role: .clinician, email: "dr\(c)@dataset.test", name: "Dr \(c)", passwordHash: "h"),
                by: system)
            for n in 0..<patientsPerClinician {
                let index = c * patientsPerClinician + n
                let new = NewPatient(
                    clinicianID: clinician.id, name: "Patient \(index)", email: "p\(index)@dataset.test",
                    surgery: Surgery(kind: .totalKneeReplacement, side: .left, date: surgeryDate),
                    inviteCodeHash: "invite-\(index)", inviteExpiresAt: WriteFixture.now)
                let patient = try await store.createPatient(new, by: system)
                ids.append(patient.id)
                if index % 50 == 0 {
                    _ = try await store.raiseAlert(
                        NewAlert(level: .urgent, rule: "fever", message: "Call the clinic"), for: patient.id,
                        by: system)
                }
            }
        }
        return ids
    }

    /// One generated row of each kind, as stored text.
    struct Rows: Sendable {
        var sessions: [(id: UUID, date: String, pain: Int?, json: String)] = []
        var checkIns: [(id: UUID, date: String, json: String)] = []
    }

    /// The rows of one patient.
    static func rows(patient: Int) throws -> Rows {
        var rows = Rows()
        for (day, seed) in sessionDays(patient: patient) {
            let session = Self.session(day: day, seed: seed)
            rows.sessions.append(
                (UUID(), session.date.description, session.painAfter, try StorageCoding.encode(session, "session")))
        }
        for day in 1...days {
            let checkIn = Self.checkIn(day: day, seed: UInt64(patient) << 20 | UInt64(day))
            rows.checkIns.append((UUID(), checkIn.date.description, try StorageCoding.encode(checkIn, "checkIn")))
        }
        return rows
    }

    /// The stored triage of a calm check-in.
    static let calmTriage = TriageResult(reasons: [])
}
