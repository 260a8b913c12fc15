import Foundation
import Hummingbird
import RehabAuth
import RehabCore
import RehabInterop

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

    struct DischargeBody: Decodable {
        let date: CalendarDate?
        let reason: DischargeReason
        let note: String?
        let keep: [KeptExercise]?
    }

    struct NoteBody: Decodable {
        let note: String
    }

    struct SurgeryBody: Decodable {
        let surgery: Surgery
        let note: String
    }

    struct Created: Encodable {
        let id: PatientID
        let inviteCode: String
        let inviteExpiresAt: Date
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("patients") { request, context in
            let identity = try context.requireClinician()
            let discharged = request.uri.queryParameters.get("discharged")
            guard discharged == nil || discharged == "true" || discharged == "false" else {
                throw WebError.invalid("discharged", "must be true or false")
            }
            if discharged == "true" {
                let rows = try await services.store.patients(
                    PatientListQuery(
                        clinicianID: identity.account.id, policy: services.worklistPolicy, asOf: configuration.today,
                        discharged: true))
                let alerts = Dictionary(
                    grouping: try await services.store.openAlerts(clinician: identity.account.id), by: \.patientID)
                let unread = try await services.store.unreadMessages(clinician: identity.account.id)
                return JSONResponse.make(
                    rows.map {
                        PatientListRow(
                            $0, openAlerts: alerts[$0.id] ?? [], unreadMessages: unread[$0.id] ?? 0,
                            policy: services.worklistPolicy)
                    })
            }
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
            let data = try await RequestBody.data(request, context: context)
            let identity = try context.requireClinician()
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let body = try RequestBody.json(ProgramBody.self, from: data)
            let change = ProgramChange(
                prescriptions: (body.prescriptions ?? []).map {
                    Prescription(date: configuration.today, exercise: $0.exercise, step: $0.step, removed: $0.removed)
                }, confirmPhase: body.phase)
            let respond: @Sendable (PlanRevision) throws -> StoredResponse = { revision in
                try WriteResponse.stored(ProgramChanged(planRevision: revision.number, plan: revision.plan))
            }
            let outcome = try await services.changeProgram(
                change, note: body.note, for: patient, clinician: identity.account.id, today: configuration.today,
                idempotency: key, by: actor, respond: respond)
            return try WriteResponse.make(outcome, fallback: respond)
        }
        group.post("patients/:id/measurements") { request, context in
            let (patient, actor) = try await patient(context)
            let identity = try context.requireClinician()
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let body = try RequestBody.json(MeasurementBody.self, from: data)
            let measures = services.catalog.measurements
            let measurement = body.measurement(today: configuration.today, method: body.clinicianMethod(measures))
            let respond: @Sendable ([StoredMeasurement]) throws -> StoredResponse = { stored in
                try WriteResponse.stored(MeasurementDocument(stored[0], measures: measures))
            }
            let outcome = try await services.enterMeasurements(
                [measurement], for: patient, today: configuration.today, idempotency: key, by: actor,
                respond: respond)
            return try WriteResponse.make(outcome, fallback: respond)
        }
        group.get("patients/:id/measurements") { _, context in
            let (patient, actor) = try await patient(context)
            let overview = try await services.measurementOverview(of: patient, today: configuration.today, by: actor)
            return JSONResponse.make(MeasurementListDocument(overview, measures: services.catalog.measurements))
        }
        group.post("patients/:id/measurements/:measurement/strike") { request, context in
            let (patient, actor) = try await patient(context)
            guard let id = context.parameters.get("measurement").flatMap(MeasurementID.init(uuidString:)) else {
                throw WebError.notFound
            }
            let data = try await RequestBody.data(request, context: context)
            let body = try RequestBody.json(StrikeBody.self, from: data)
            let struck = try await services.strikeMeasurement(id, of: patient, reason: body.reason, by: actor)
            return JSONResponse.make(MeasurementDocument(struck, measures: services.catalog.measurements))
        }
        group.post("patients/:id/discharge") { request, context in
            let (patient, actor) = try await patient(context)
            let identity = try context.requireClinician()
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let body = try RequestBody.json(DischargeBody.self, from: data)
            let today = configuration.today
            var keep = body.keep
            if keep == nil { keep = try await services.suggestedHomeProgram(for: patient, today: today, by: actor) }
            let discharge = Discharge(
                date: body.date ?? today, reason: body.reason, note: body.note, keep: keep ?? [])
            let outcome = try await services.discharge(
                discharge, for: patient, clinician: identity.account.id, today: today, idempotency: key, by: actor,
                respond: Self.revised)
            return try WriteResponse.make(outcome, fallback: Self.revised)
        }
        group.post("patients/:id/reopen") { request, context in
            let (patient, actor) = try await patient(context)
            let identity = try context.requireClinician()
            let body = try RequestBody.json(NoteBody.self, from: try await RequestBody.data(request, context: context))
            let outcome = try await services.reopen(
                note: body.note, for: patient, clinician: identity.account.id, today: configuration.today, by: actor)
            return try WriteResponse.make(outcome, fallback: Self.revised)
        }
        group.post("patients/:id/surgery") { request, context in
            let (patient, actor) = try await patient(context)
            let identity = try context.requireClinician()
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let body = try RequestBody.json(SurgeryBody.self, from: data)
            try SurgeryInput.check(body.surgery, today: configuration.today)
            let outcome = try await services.correctSurgery(
                body.surgery, note: body.note, for: patient, clinician: identity.account.id,
                today: configuration.today, idempotency: key, by: actor, respond: Self.revised)
            return try WriteResponse.make(outcome, fallback: Self.revised)
        }
        group.post("patients/:id/time") { request, context in
            let (patient, actor) = try await patient(context)
            let identity = try context.requireClinician()
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let entry = try RequestBody.json(TimeEntry.self, from: data)
            let respond: @Sendable (StoredTimeEntry) throws -> StoredResponse = {
                try WriteResponse.stored(TimeEntryDocument($0))
            }
            let outcome = try await services.logTime(
                entry, for: patient, today: configuration.today, idempotency: key, by: actor, respond: respond)
            return try WriteResponse.make(outcome, fallback: respond)
        }
        group.get("patients/:id/time") { _, context in
            let (patient, actor) = try await patient(context)
            return JSONResponse.make(
                try await services.store.timeEntries(of: patient.id, by: actor).map(TimeEntryDocument.init))
        }
        group.get("rtm") { request, context in
            let identity = try context.requireClinician()
            let month = try Self.month(request.uri.queryParameters.get("month"), today: configuration.today)
            let rows = try await services.rtmMonth(
                month, clinician: identity.account.id, today: configuration.today, day: configuration.day(of:),
                by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            if request.uri.queryParameters.get("as") == "csv" {
                return Self.download(
                    CSVExport.rtmMonth(rows.map { RTMMonthRow($0, month: month) }), type: "text/csv; charset=utf-8",
                    name: "rtm-\(month).csv")
            }
            return JSONResponse.make(rows.map(RTMRowDocument.init))
        }
        group.get("patients/:id/export") { request, context in
            let format = request.uri.queryParameters.get("as") ?? "fhir"
            guard ["fhir", "csv"].contains(format) else { throw WebError.invalid("as", "must be fhir or csv") }
            // The export's own read checks that the clinician may see the patient.
            let (patient, actor) = try pathPatient(context)
            let export = try await services.exportData(of: patient, by: actor)
            switch format {
            case "fhir":
                // Sent a piece at a time as it is written, so a request holds one piece rather than the Bundle.
                let pieces = FHIRExport.BundlePieces(
                    export, catalog: services.catalog, generatedAt: configuration.now())
                return Response(
                    status: .ok, headers: [.contentType: "application/fhir+json"],
                    body: ResponseBody { writer in
                        var pieces = pieces
                        while let piece = try pieces.next() { try await writer.write(ByteBuffer(bytes: piece)) }
                        try await writer.finish(nil)
                    })
            case "csv":
                let table = CSVExport.patientTable(
                    record: export.record, checkIns: export.checkIns, measurements: export.measurements,
                    responses: export.responses, measurementCatalog: services.catalog.measurements)
                return Self.download(table, type: "text/csv; charset=utf-8", name: "patient-\(patient).csv")
            default:
                throw WebError.invalid("as", "must be fhir or csv")
            }
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

    /// A text answer the browser saves as a file.
    static func download(_ text: String, type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The `month` query parameter (`YYYY-MM`), or the current month.
    static func month(_ text: String?, today: CalendarDate) throws -> CalendarMonth {
        guard let text else { return CalendarMonth(of: today) }
        guard let month = CalendarMonth(text) else { throw WebError.invalid("month", "must be a month YYYY-MM") }
        return month
    }

    /// A revision's answer: its number and the plan it sets.
    @Sendable static func revised(_ revision: PlanRevision) throws -> StoredResponse {
        try WriteResponse.stored(ProgramChanged(planRevision: revision.number, plan: revision.plan))
    }

    /// The patient named in the path, when this clinician owns them.
    func patient(_ context: AppRequestContext) async throws -> (Patient, AuditActor) {
        let (id, actor) = try pathPatient(context)
        return (try await services.store.patient(id, by: actor), actor)
    }

    /// The patient the path names, not yet read, and the signed-in clinician as the actor of what follows.
    func pathPatient(_ context: AppRequestContext) throws -> (PatientID, AuditActor) {
        let (identity, id) = try context.clinicianAndPathPatient()
        return (id, identity.actor(at: configuration.now(), origin: context.clientAddress))
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireClinician()
        let data = try await RequestBody.data(request, context: context)
        let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
        let body = try RequestBody.json(NewPatientBody.self, from: data)
        try SurgeryInput.check(body.surgery, today: configuration.today)
        let now = configuration.now()
        let invite = InviteCode.issue(now: now, lifetime: configuration.inviteLifetime)
        let answer: @Sendable (Patient) throws -> StoredResponse = { patient in
            try WriteResponse.stored(Created(id: patient.id, inviteCode: invite.code, inviteExpiresAt: invite.expires))
        }
        let outcome = try await services.startProgram(
            name: body.name, email: body.email, surgery: body.surgery, clinician: identity.account.id,
            inviteCodeHash: invite.hash, inviteExpiresAt: invite.expires, today: configuration.today,
            idempotency: key, by: identity.actor(at: now, origin: context.clientAddress), respond: answer)
        return try WriteResponse.make(outcome, fallback: answer)
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

/// One row of the clinician's list, with what places the patient there and the badges that say why.
struct PatientListRow: Encodable {
    let id: PatientID
    let name: String
    let surgery: Surgery
    let concern: WorklistConcern
    let openAlerts: Int
    let latestPain: Int?
    let adherencePercent: Int
    let lastSessionDate: CalendarDate?
    let dischargedOn: CalendarDate?
    let badges: [WorklistBadge]
    /// Messages from the patient (and the program's notes) the clinician has not read.
    let unreadMessages: Int

    init(_ summary: PatientSummary, openAlerts alerts: [StoredAlert], unreadMessages: Int, policy: WorklistPolicy) {
        id = summary.id
        name = summary.name
        surgery = summary.surgery
        concern = summary.concern
        openAlerts = summary.openAlerts
        latestPain = summary.latestPain
        adherencePercent = summary.adherencePercent
        lastSessionDate = summary.lastSessionDate
        dischargedOn = summary.dischargedOn
        badges = Worklist.badges(of: summary, openAlerts: alerts.map(Worklist.AlertSignal.init), policy: policy)
        self.unreadMessages = unreadMessages
    }
}

extension WorklistBadge {
    /// The badge in words on the clinician's list.
    var label: String {
        switch self {
        case .redFlag: "Red flag"
        case .painRising: "Pain rising"
        case .lowAdherence: "Few sessions lately"
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
    let level: AlertLevel
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
