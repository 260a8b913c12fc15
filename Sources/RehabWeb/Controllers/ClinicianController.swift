import Foundation
import Hummingbird
import RehabAuth
import RehabCore

/// The clinician's API: their patients (ordered by need), one patient's summary and record, adding a patient,
/// and alerts. Another clinician's patient answers 404, exactly like one that does not exist.
struct ClinicianController {
    let services: RehabServices
    let configuration: WebConfiguration
    let list: ClinicianList

    struct NewPatientBody: Decodable {
        let name: String
        let email: String
        let surgery: Surgery
    }

    struct ProgramBody: Decodable {
        struct Item: Decodable {
            let exercise: ExerciseID
            let step: Int?
            let removed: Bool?
        }
        let note: String
        let prescriptions: [Item]?
        let phase: String?
    }

    struct ProgramChanged: Encodable {
        let planRevision: Int
        let plan: Plan
    }

    struct Created: Encodable {
        let id: PatientID
        let inviteCode: String
        let inviteExpiresAt: Date
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("patients") { request, context in
            let identity = try context.requireClinician()
            let entry = try await list.load(identity.account.id, asOf: configuration.today)
            return JSONResponse.make(data: entry.body, status: .ok)
        }
        group.post("patients") { request, context in try await create(request, context) }
        group.get("patients/:id") { _, context in
            let (patient, actor) = try await patient(context)
            let overview = try await PatientOverview.load(
                patient, services: services, today: configuration.today, by: actor)
            return JSONResponse.make(overview.document)
        }
        group.get("patients/:id/record") { _, context in
            let (patient, actor) = try await patient(context)
            return JSONResponse.make(try await services.store.record(of: patient.id, by: actor))
        }
        group.post("patients/:id/program") { request, context in
            let (patient, actor) = try await patient(context)
            let body = try RequestBody.json(
                ProgramBody.self, from: try await RequestBody.data(request, context: context))
            let change = ProgramChange(
                prescriptions: (body.prescriptions ?? []).map {
                    Prescription(date: configuration.today, exercise: $0.exercise, step: $0.step, removed: $0.removed)
                }, confirmPhase: body.phase)
            let identity = try context.requireClinician()
            let revision = try await services.changeProgram(
                change, note: body.note, for: patient, clinician: identity.account.id, today: configuration.today,
                by: actor)
            return JSONResponse.make(
                ProgramChanged(planRevision: revision.number, plan: revision.plan), status: .created)
        }
        group.get("alerts") { _, context in
            let identity = try context.requireClinician()
            return JSONResponse.make(
                try await services.store.openAlerts(clinician: identity.account.id).map(AlertDocument.init))
        }
        group.post("alerts/:id/acknowledge") { _, context in
            let identity = try context.requireClinician()
            guard let id = context.parameters.get("id").flatMap(AlertID.init(uuidString:)) else {
                throw WebError.notFound
            }
            let actor = identity.actor(at: configuration.now(), origin: context.clientAddress)
            return JSONResponse.make(AlertDocument(try await services.store.acknowledgeAlert(id, by: actor)))
        }
    }

    /// The patient named in the path, when this clinician owns them.
    func patient(_ context: AppRequestContext) async throws -> (Patient, Actor) {
        let identity = try context.requireClinician()
        guard let id = context.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
            throw WebError.notFound
        }
        let actor = identity.actor(at: configuration.now(), origin: context.clientAddress)
        return (try await services.store.patient(id, by: actor), actor)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireClinician()
        let data = try await RequestBody.data(request, context: context)
        let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
        if let key, let stored = try await services.store.storedResponse(for: key) {
            return try WriteResponse.make(WriteOutcome<Void>.replayed(stored)) { _ in stored }
        }
        let body = try RequestBody.json(NewPatientBody.self, from: data)
        try SurgeryInput.check(body.surgery, today: configuration.today)
        let code = InviteCode.make()
        let now = configuration.now()
        let expires = now.addingTimeInterval(configuration.inviteLifetime)
        let patient = try await services.startProgram(
            name: body.name, email: body.email, surgery: body.surgery, clinician: identity.account.id,
            inviteCodeHash: TokenHash.sha256(InviteCode.normalize(code)), inviteExpiresAt: expires,
            today: configuration.today, by: identity.actor(at: now, origin: context.clientAddress))
        let stored = try WriteResponse.stored(Created(id: patient.id, inviteCode: code, inviteExpiresAt: expires))
        if let key { try await services.store.storeResponse(stored, for: key, at: now) }
        return JSONResponse.make(data: stored.body, status: .created)
    }
}

/// Limits on a surgery date entered by a clinician: not more than a year ahead, not more than ten years back.
enum SurgeryInput {
    static func check(_ surgery: Surgery, today: CalendarDate) throws(InvalidInput) {
        if surgery.date > today.adding(days: 365) {
            throw InvalidInput(field: "surgery.date", problem: "is more than a year from today")
        }
        if surgery.date < today.adding(days: -3650) {
            throw InvalidInput(field: "surgery.date", problem: "is more than ten years ago")
        }
    }
}

/// One row of the clinician's list, with the badges that say why the patient is near the top.
struct PatientListRow: Encodable {
    let id: PatientID
    let name: String
    let surgery: Surgery
    let openAlerts: Int
    let latestPain: Int?
    let adherencePercent: Int
    let lastSessionDate: CalendarDate?
    let badges: [String]

    init(_ summary: PatientSummary, openAlerts alerts: [StoredAlert], settings: ProgressionSettings) {
        id = summary.id
        name = summary.name
        surgery = summary.surgery
        openAlerts = summary.openAlerts
        latestPain = summary.latestPain
        adherencePercent = summary.adherencePercent
        lastSessionDate = summary.lastSessionDate
        badges = Badge.of(summary, openAlerts: alerts, settings: settings).map(\.rawValue)
    }
}

/// Why a patient needs a look: from the list's own columns and the patient's open alerts.
enum Badge: String, CaseIterable {
    /// An open urgent or emergency alert from a check-in.
    case redFlag = "red-flag"
    /// Pain after the latest session in the red zone of the pain-monitoring model (`progression.yaml`), or red
    /// pain two sessions running.
    case painRising = "pain-rising"
    /// Fewer than 80 % of the sessions in the last two weeks.
    case lowAdherence = "adherence-under-80"
    /// A measured range of motion behind what the protocol expects by now.
    case rangeBehind = "range-of-motion-behind"
    /// Every criterion of the next phase is met: the move waits for the clinician.
    case phaseGateMet = "phase-gate-met"
    /// Any other open alert (missed sessions, a pain pattern to look at).
    case alert = "open-alert"

    /// The badges of one row, most urgent first.
    static func of(_ summary: PatientSummary, openAlerts: [StoredAlert], settings: ProgressionSettings) -> [Badge] {
        let rules = Set(openAlerts.map(\.rule))
        var badges: [Badge] = []
        if openAlerts.contains(where: { ["emergency", "urgent"].contains($0.level) }) { badges.append(.redFlag) }
        let redPain = summary.latestPain.map { settings.zone(ofPain: $0) == .red } ?? false
        if redPain || rules.contains("pain-red-repeated") { badges.append(.painRising) }
        if summary.adherencePercent < 80 { badges.append(.lowAdherence) }
        if rules.contains("range-of-motion-behind") { badges.append(.rangeBehind) }
        if rules.contains("phase-gate-met") { badges.append(.phaseGateMet) }
        let covered: Set<String> = ["range-of-motion-behind", "phase-gate-met", "pain-red-repeated"]
        if openAlerts.contains(where: { !["emergency", "urgent"].contains($0.level) && !covered.contains($0.rule) }) {
            badges.append(.alert)
        }
        return badges
    }

    /// Open alerts grouped by patient, from one query for the clinician's whole list.
    static func alertsByPatient(_ alerts: [StoredAlert]) -> [PatientID: [StoredAlert]] {
        Dictionary(grouping: alerts, by: \.patientID)
    }

    var label: String {
        switch self {
        case .redFlag: "Red flag"
        case .painRising: "Pain rising"
        case .lowAdherence: "Adherence under 80 %"
        case .rangeBehind: "Range of motion behind"
        case .phaseGateMet: "Phase gate met"
        case .alert: "Needs attention"
        }
    }
}

/// An alert as the API shows it.
struct AlertDocument: Encodable {
    let id: AlertID
    let patientID: PatientID
    let level: String
    let rule: String
    let message: String
    let raisedAt: Date
    let acknowledgedBy: AccountID?
    let acknowledgedAt: Date?

    init(_ alert: StoredAlert) {
        id = alert.id
        patientID = alert.patientID
        level = alert.level
        rule = alert.rule
        message = alert.message
        raisedAt = alert.raisedAt
        acknowledgedBy = alert.acknowledgedBy
        acknowledgedAt = alert.acknowledgedAt
    }
}
