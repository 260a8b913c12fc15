import Foundation
import RehabAuth
import RehabCore

/// The demo clinic that `serve --demo` loads: one clinician and six patients, one per pathway, with weeks of
/// believable history made by running the real engine day by day — including a red flag, a regression, a phase
/// gate met and a missed week — so a newcomer sees a living clinic.
public enum DemoClinic {
    /// A sign-in the demo prints.
    public struct Login: Sendable {
        /// Who.
        public let role: String
        /// The email.
        public let email: String
        /// What their history shows.
        public let story: String
    }

    /// The one password of every demo account (printed at start-up; demo data only).
    public static let password = "demo-knee-2026"
    /// The clinician's email.
    public static let clinicianEmail = "therapist@demo.kneerehab.test"
    /// The clinic admin's email.
    public static let adminEmail = "admin@demo.kneerehab.test"

    struct Story {
        let name: String
        let email: String
        let kind: SurgeryKind
        let side: Side
        let daysAgo: Int
        let story: String
        /// Pain during an exercise on a day (days since surgery); nil skips the day.
        let pain: @Sendable (_ day: Int, _ exercise: ExerciseID) -> Int?
        let missed: ClosedRange<Int>?
        let flexion: @Sendable (_ day: Int) -> Double
        /// A phase the clinician confirms on a day, pinning the patient there until they confirm the next.
        var confirm: (day: Int, phase: String)? = nil
    }

    static let stories: [Story] = [
        Story(
            name: "Margaret Olsen", email: "margaret@demo.kneerehab.test", kind: .totalKneeReplacement, side: .left,
            daysAgo: 52, story: "knee replacement, steady progress, phase gate met",
            pain: { day, _ in max(1, 4 - day / 10) },
            missed: nil, flexion: { day in min(118, 80 + Double(day)) }, confirm: (15, "tkr-2")),
        Story(
            name: "Daniel Reyes", email: "daniel@demo.kneerehab.test", kind: .aclReconstruction, side: .right,
            daysAgo: 63, story: "ACL reconstruction, progressing", pain: { day, _ in day % 5 == 0 ? 2 : 1 },
            missed: nil, flexion: { day in min(135, 82 + Double(day)) }),
        Story(
            name: "Priya Natarajan", email: "priya@demo.kneerehab.test", kind: .meniscusRepair, side: .left,
            daysAgo: 33, story: "meniscus repair, a painful week led to a regression",
            pain: { day, _ in day >= 29 ? 7 : 2 }, missed: nil, flexion: { day in min(100, 70 + Double(day)) }),
        Story(
            name: "Tom Becker", email: "tom@demo.kneerehab.test", kind: .partialMeniscectomy, side: .right,
            daysAgo: 30, story: "partial meniscectomy, missed a week", pain: { _, _ in 2 }, missed: 18...25,
            flexion: { day in min(130, 90 + Double(day) * 1.5) }),
        Story(
            name: "Grace Kim", email: "grace@demo.kneerehab.test", kind: .mclReconstruction, side: .left,
            daysAgo: 21, story: "MCL reconstruction, red flag today (calf pain)", pain: { _, _ in 3 }, missed: nil,
            flexion: { day in min(100, 50 + Double(day) * 2) }),
        Story(
            name: "Walter Brooks", email: "walter@demo.kneerehab.test", kind: .medialKneePain, side: .right,
            daysAgo: 40, story: "inner knee pain without surgery, improving scores",
            pain: { day, _ in day < 14 ? 4 : 2 },
            missed: nil, flexion: { _ in 125 }),
    ]

    /// The database already holds accounts that are not the demo's: the demo, whose passwords are public, is loaded
    /// only into an empty database.
    public struct NotEmpty: Error {}

    /// Loads the demo into an empty store (nothing happens when the demo clinician already exists; a store with
    /// other accounts throws `NotEmpty`) and returns the sign-ins to print.
    public static func load(
        into services: RehabServices, today: CalendarDate, now: Date, passwordCost: UInt8 = 10
    ) async throws -> [Login] {
        let store = services.store
        if try await store.account(email: clinicianEmail) == nil {
            guard try await store.clinicians().isEmpty,
                try await store.auditEntries(AuditQuery(action: .accountCreate, limit: 1)).isEmpty
            else { throw NotEmpty() }
            try await seed(into: services, today: today, now: now, passwordCost: passwordCost)
        }
        let hasAdmin = try await store.account(email: adminEmail) != nil
        return [Login(role: "clinician", email: clinicianEmail, story: "sees the six patients below")]
            + (hasAdmin
                ? [Login(role: "admin", email: adminEmail, story: "hands patients over, reads the audit trail")] : [])
            + stories.map { Login(role: "patient", email: $0.email, story: $0.story) }
    }

    /// The admin, the clinician and the six patients with their histories.
    private static func seed(into services: RehabServices, today: CalendarDate, now: Date, passwordCost: UInt8)
        async throws
    {
        let hash = try PasswordHasher(cost: passwordCost).hash(password)
        let system = AuditActor(.system, origin: "demo", at: now)
        _ = try await services.store.createAccount(
            NewAccount(role: .admin, email: adminEmail, name: "Sam Lee (clinic admin)", passwordHash: hash), by: system)
        let clinician = try await services.store.createAccount(
            NewAccount(role: .clinician, email: clinicianEmail, name: "Alex Morgan, PT", passwordHash: hash),
            by: system)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for story in stories {
                group.addTask {
                    try await seed(
                        story, clinician: clinician.id, hash: hash, services: services, today: today, now: now)
                }
            }
            try await group.waitForAll()
        }
    }

    private static func seed(
        _ story: Story, clinician: AccountID, hash: String, services: RehabServices, today: CalendarDate, now: Date
    ) async throws {
        let surgery = Surgery(kind: story.kind, side: story.side, date: today.adding(days: -story.daysAgo))
        let code = TokenHash.random()
        let asClinician = AuditActor(.clinician(clinician), origin: "demo", at: now)
        let started = try await services.startProgram(
            name: story.name, email: story.email, surgery: surgery, clinician: clinician,
            inviteCodeHash: TokenHash.sha256(code), inviteExpiresAt: now.addingTimeInterval(86_400),
            today: surgery.date, by: asClinician)
        guard let patient = started.created else { throw StorageError(.invalid, "demo: patient") }
        _ = try await services.store.claimInvite(
            codeHash: TokenHash.sha256(code), passwordHash: hash, by: AuditActor(.system, origin: "demo", at: now))
        let actor = AuditActor(.patient(account: patient.accountID, patient: patient.id), origin: "demo", at: now)
        var record = PatientRecord(surgery: surgery)
        for day in stride(from: 2, through: story.daysAgo, by: 1) {
            let date = surgery.date.adding(days: day)
            if day % 7 == 3 || day == story.daysAgo {
                let value = story.flexion(day)
                let measurement = Measurement(date: date, kind: .kneeFlexion, side: story.side, value: value)
                let straight = Measurement(
                    date: date, kind: .kneeExtension, side: story.side, value: max(0, 4 - Double(day) / 2))
                for item in [measurement, straight] {
                    _ = try await services.store.recordMeasurement(item, id: .generate(), for: patient.id, by: actor)
                    record.measurements.append(item)
                }
            }
            if let confirm = story.confirm, confirm.day == day {
                _ = try await services.changeProgram(
                    ProgramChange(confirmPhase: confirm.phase), note: "Seen in clinic; moving on to the next phase.",
                    for: patient, clinician: clinician, today: date, by: asClinician)
                record.phase = confirm.phase
            }
            if let missed = story.missed, missed.contains(day) { continue }
            if day % 6 == 5 && story.missed == nil && day < story.daysAgo - 2 { continue }
            let plan = try services.engine.review(record, on: date)
            let performed = plan.exercises.filter { $0.category != .recovery && $0.change != .pause }.map { item in
                let pain = story.pain(day, item.id) ?? 0
                return PerformedExercise(
                    id: item.id, sets: item.sets, reps: item.reps, holdSeconds: item.holdSeconds,
                    durationMinutes: item.durationMinutes, stepHeightCm: item.stepHeightCm, loadKg: item.loadKg,
                    step: item.step, painDuring: item.category == .warmUp ? nil : pain,
                    difficulty: item.category == .warmUp ? nil : (pain >= 6 ? .hard : (pain <= 1 ? .easy : .right)))
            }
            guard !performed.isEmpty else { continue }
            let basePain = story.pain(day, "warm-up-walk") ?? 1
            let session = ExerciseSession(
                date: date, painBefore: max(0, basePain - 1), painAfter: basePain, exercises: performed)
            _ = try await services.logSession(
                session, note: nil, for: patient, today: date, idempotency: nil, by: actor,
                respond: { _ in StoredResponse(status: 201, body: Data()) })
            record.sessions.append(session)
            let checkIn = CheckIn(
                date: date, painAtRest: max(0, basePain - 1), painMorning: basePain,
                swelling: basePain >= 6 ? .moderate : .mild,
                temperatureCelsius: 36.8, woundRedness: false, woundDrainage: false,
                calfPainOrSwelling: story.kind == .mclReconstruction && day == story.daysAgo,
                chestPainOrBreathless: false, giveWay: false, kneeLocked: false, footNumbOrCold: false)
            if day % 3 == 0 || day == story.daysAgo {
                _ = try await services.submitCheckIn(
                    checkIn, for: patient, today: date, idempotency: nil, by: actor,
                    respond: { _ in StoredResponse(status: 201, body: Data()) })
                record.checkIns.append(checkIn)
            }
        }
        try await questionnaires(story, patient: patient, services: services, actor: actor, surgery: surgery)
    }

    private static func questionnaires(
        _ story: Story, patient: Patient, services: RehabServices, actor: AuditActor, surgery: Surgery
    ) async throws {
        for (offset, answer) in [(3, 3), (story.daysAgo - 1, story.kind == .meniscusRepair ? 2 : 1)] {
            let answers = QuestionnaireAnswers(
                Dictionary(uniqueKeysWithValues: Instrument.koosJR.items.map { ($0.id, Optional(answer)) }))
            _ = try await services.submitQuestionnaire(
                .koosJR, answers: answers, date: surgery.date.adding(days: offset), for: patient,
                today: surgery.date.adding(days: story.daysAgo), idempotency: nil, by: actor,
                respond: { _ in StoredResponse(status: 201, body: Data()) })
        }
    }
}
