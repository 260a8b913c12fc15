import Foundation
import Hummingbird
import RehabAuth
import RehabCore

/// The clinician's workspace: patients ordered by need, a patient's page (charts, plan and its history, phase
/// gate, alerts), adding a patient with a printable invite, and a printable program handout.
struct ClinicPages {
    let context: PageContext

    struct ListPage {
        let chrome: Chrome
        let rows: [Row]
        let empty: Bool
        /// True on the list of discharged patients.
        let discharged: Bool
    }

    struct Row {
        let id: String
        let name: String
        let pathway: String
        let day: Int
        let badges: [String]
        let adherence: Int
        let pain: String
        let lastSession: String
        /// "2 new messages", when the patient wrote (or the program noted) something unread.
        let unread: String?
    }

    struct PatientPage {
        let chrome: Chrome
        let id: String
        let name: String
        let pathway: String
        let day: Int
        let phase: String
        let alerts: [AlertRow]
        let hasAlerts: Bool
        let exercises: [PlanRow]
        let revisions: [RevisionRow]
        let gateNext: String?
        let gateEarliest: String
        let met: [String]
        let unmet: [String]
        let gateReady: Bool
        let charts: [String]
        let adherence: String
        let doseGroups: [DoseGroup]
        let swapOut: [Option]
        let swapIn: [Option]
        let nextPhaseID: String?
        let changeError: String?
        let measurements: MeasurementSection
        let episode: EpisodeSection
        let timeLog: TimeLogSection
        let messages: MessageSection
    }

    struct DoseGroup {
        let name: String
        let options: [Option]
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct AlertRow {
        let id: String
        let level: String
        let message: String
        let raised: String
    }

    struct PlanRow {
        let name: String
        let dose: String
        let step: String
        let change: String
        let reason: String
    }

    struct RevisionRow {
        let number: Int
        let date: String
        let author: String
        let reason: String
    }

    struct NewPatientPage {
        let chrome: Chrome
        let kinds: [PainScale.Choice]
        let name: String
        let email: String
        let date: String
        let left: Bool
        let right: Bool
        let error: String?
        let submission: String
    }

    struct InvitePage {
        let chrome: Chrome
        let name: String
        let code: String
        let expires: String
        let pathway: String
    }

    struct HandoutPage {
        let chrome: Chrome
        let name: String
        let pathway: String
        let phase: String
        let date: String
        let items: [HandoutItem]
        let precautions: [String]
        let notice: String
    }

    struct HandoutItem {
        let name: String
        let dose: String
        let steps: [String]
        let cues: [String]
        let illustration: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("clinic") { request, requestContext in
            try await list(requestContext, discharged: request.uri.queryParameters.get("discharged") == "true")
        }
        router.get("clinic/patients/new") { _, requestContext in
            let identity = try context.clinician(requestContext)
            return context.pages.page("new-patient", newPatient(identity, form: nil, error: nil))
        }
        router.post("clinic/patients") { request, requestContext in try await create(request, requestContext) }
        router.get("clinic/patients/:id") { _, requestContext in try await patientPage(requestContext) }
        router.get("clinic/patients/:id/handout") { _, requestContext in try await handout(requestContext) }
        router.post("clinic/patients/:id/program") { request, requestContext in
            try await changeProgram(request, requestContext)
        }
        router.post("clinic/patients/:id/measurements") { request, requestContext in
            try await enterMeasurements(request, requestContext)
        }
        router.post("clinic/patients/:id/measurements/:measurement/strike") { request, requestContext in
            try await strikeMeasurement(request, requestContext)
        }
        router.post("clinic/patients/:id/discharge") { request, requestContext in
            try await episode(request, requestContext) { patient, form, identity, actor, today in
                _ = try await context.services.discharge(
                    try EpisodeSection.discharge(from: form, today: today), for: patient, clinician: identity,
                    today: today, by: actor)
            }
        }
        router.post("clinic/patients/:id/reopen") { request, requestContext in
            try await episode(request, requestContext) { patient, form, identity, actor, today in
                _ = try await context.services.reopen(
                    note: form["note"] ?? "", for: patient, clinician: identity, today: today, by: actor)
            }
        }
        router.post("clinic/patients/:id/surgery") { request, requestContext in
            try await episode(request, requestContext) { patient, form, identity, actor, today in
                let surgery = try EpisodeSection.surgery(from: form)
                try SurgeryInput.check(surgery, today: today)
                _ = try await context.services.correctSurgery(
                    surgery, note: form["note"] ?? "", for: patient, clinician: identity, today: today, by: actor)
            }
        }
        router.get("clinic/patients/:id/summary") { _, requestContext in try await summary(requestContext) }
        for (prefix, api) in [("clinic/patients", false), ("api/v1/patients", true)] {
            router.get("\(prefix)/:id/report") { request, requestContext in
                if api { _ = try requestContext.requireClinician() }
                return try await report(request, requestContext, pdf: false, api: api)
            }
            router.get("\(prefix)/:id/report.pdf") { request, requestContext in
                if api { _ = try requestContext.requireClinician() }
                return try await report(request, requestContext, pdf: true, api: api)
            }
        }
        router.post("clinic/patients/:id/time") { request, requestContext in
            let (patient, actor, form) = try await formPatient(request, requestContext)
            let today = context.configuration.today
            do {
                _ = try await context.services.logTime(
                    try TimeLogSection.entry(from: form, today: today), for: patient, today: today, idempotency: nil,
                    by: actor, respond: { _ in StoredResponse(status: 201, body: Data()) })
            } catch let error as InvalidInput {
                return try await patientPage(
                    requestContext, timeError: WebError.from(error).message, status: .unprocessableContent)
            } catch let error as WebError where error.field != nil {
                return try await patientPage(requestContext, timeError: error.message, status: .unprocessableContent)
            }
            return Response.seeOther("/clinic/patients/\(patient.id)#time")
        }
        router.get("clinic/rtm") { request, requestContext in
            let identity = try context.clinician(requestContext)
            let today = context.configuration.today
            let month = try ClinicianController.month(request.uri.queryParameters.get("month"), today: today)
            let rows = try await context.services.rtmMonth(
                month, clinician: identity.account.id, today: today, day: context.configuration.day(of:),
                by: context.actor(identity, requestContext))
            return context.pages.page(
                "rtm", RTMPage(chrome: context.chrome("Remote monitoring", identity), month: month, rows: rows))
        }
        router.post("clinic/alerts/:id/acknowledge") { request, requestContext in
            let identity = try context.clinician(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            guard let id = requestContext.parameters.get("id").flatMap(AlertID.init(uuidString:)) else {
                throw WebError.notFound
            }
            let alert = try await context.services.store.acknowledgeAlert(
                id, by: context.actor(identity, requestContext))
            _ = form
            return Response.seeOther("/clinic/patients/\(alert.patientID)#alerts")
        }
    }

    // MARK: - List

    private func list(_ requestContext: AppRequestContext, discharged: Bool) async throws -> Response {
        let identity = try context.clinician(requestContext)
        let today = context.configuration.today
        let rows: [PatientSummary]
        let alerts: [PatientID: [StoredAlert]]
        let unread: [PatientID: Int]
        if discharged {
            rows = try await context.services.store.patients(
                PatientListQuery(
                    clinicianID: identity.account.id, policy: context.services.worklistPolicy, asOf: today,
                    discharged: true))
            alerts = Dictionary(
                grouping: try await context.services.store.openAlerts(clinician: identity.account.id), by: \.patientID)
            unread = try await context.services.store.unreadMessages(clinician: identity.account.id)
        } else {
            let entry = try await context.list.load(identity.account.id, asOf: today)
            (rows, alerts, unread) = (entry.rows, entry.alerts, entry.unread)
        }
        let model = ListPage(
            chrome: context.chrome(discharged ? "Discharged patients" : "Your patients", identity),
            rows: rows.map { summary in
                Row(
                    id: summary.id.description, name: summary.name,
                    pathway: Self.pathway(summary.surgery, catalog: context.services.catalog),
                    day: summary.surgery.date.days(until: today),
                    badges: Worklist.badges(
                        of: summary, openAlerts: (alerts[summary.id] ?? []).map(Worklist.AlertSignal.init),
                        policy: context.services.worklistPolicy
                    ).map(\.label),
                    adherence: summary.adherencePercent, pain: summary.latestPain.map(String.init) ?? "–",
                    lastSession: summary.lastSessionDate?.description ?? "none yet",
                    unread: unread[summary.id].map { $0 == 1 ? "1 new message" : "\($0) new messages" })
            }, empty: rows.isEmpty, discharged: discharged)
        return context.pages.page("clinic", model)
    }

    /// The pathway in words, e.g. "MCL reconstruction, left knee, 2026-11-04", named as the protocol names it.
    static func pathway(_ surgery: Surgery, catalog: Catalog) -> String {
        "\(catalog.protocol(for: surgery.kind).name), \(surgery.side.rawValue) knee, \(surgery.date)"
    }

    // MARK: - One patient

    private func load(_ requestContext: AppRequestContext) async throws -> (Identity, PatientOverview) {
        let identity = try context.clinician(requestContext)
        guard let id = requestContext.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
            throw WebError.notFound
        }
        let actor = context.actor(identity, requestContext)
        let patient = try await context.services.store.patient(id, by: actor)
        let overview = try await PatientOverview.load(
            patient, services: context.services, today: context.configuration.today, by: actor)
        return (identity, overview)
    }

    private func patientPage(
        _ requestContext: AppRequestContext, changeError: String? = nil, measurementError: String? = nil,
        episodeError: String? = nil, timeError: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (identity, overview) = try await load(requestContext)
        let plan = overview.plan
        let gate = plan.phaseGate
        let model = PatientPage(
            chrome: context.chrome(overview.patient.name, identity), id: overview.patient.id.description,
            name: overview.patient.name,
            pathway: Self.pathway(overview.patient.surgery, catalog: context.services.catalog),
            day: plan.daysSinceSurgery,
            phase: plan.phase.name,
            alerts: overview.alerts.filter(\.isOpen).map {
                AlertRow(
                    id: $0.id.description, level: $0.level.rawValue, message: $0.message, raised: Self.day($0.raisedAt))
            }, hasAlerts: overview.alerts.contains(where: \.isOpen),
            exercises: plan.exercises.map {
                PlanRow(
                    name: $0.name, dose: DoseText.of($0), step: "\($0.step) of \($0.steps)",
                    change: $0.change?.rawValue ?? "", reason: $0.reason ?? "")
            },
            revisions: overview.revisions.reversed().map {
                RevisionRow(
                    number: $0.number, date: $0.effectiveDate.description, author: Self.author($0.author),
                    reason: $0.reason)
            },
            gateNext: gate.next?.name, gateEarliest: gate.earliestDate?.description ?? "", met: gate.met,
            unmet: gate.unmet, gateReady: gate.ready,
            charts: ProgressCharts.make(
                record: overview.record, responses: overview.responses, today: context.configuration.today),
            adherence: plan.adherence.map { "\($0.completed) of \($0.prescribed) sessions in the last 7 days" }
                ?? "no sessions yet", doseGroups: doseGroups(plan, overview.patient.surgery),
            swapOut: plan.exercises.filter { $0.category != .recovery }.map {
                Option(value: $0.id.rawValue, label: $0.name, selected: false)
            },
            swapIn: swapIn(plan, overview.patient.surgery),
            nextPhaseID: gate.next?.id,
            changeError: changeError,
            measurements: MeasurementSection(
                overview.measurements, patient: overview.patient, catalog: context.services.catalog,
                today: context.configuration.today, error: measurementError),
            episode: EpisodeSection(
                patient: overview.patient, plan: plan, catalog: context.services.catalog,
                today: context.configuration.today, error: episodeError),
            timeLog: TimeLogSection(
                patient: overview.patient,
                entries: try await context.services.store.timeEntries(
                    of: overview.patient.id, by: context.actor(identity, requestContext)),
                today: context.configuration.today, error: timeError),
            messages: MessageSection(
                patient: overview.patient.id,
                messages: try await context.services.store.messages(
                    of: overview.patient.id, by: context.actor(identity, requestContext)),
                configuration: context.configuration, error: nil))
        // Opening the page read the patient's messages: the worklist's unread counts changed.
        context.list.cache.invalidate()
        return context.pages.page("patient", model, status: status)
    }

    private func doseGroups(_ plan: Plan, _ surgery: Surgery) -> [DoseGroup] {
        let week = plan.daysSinceSurgery / 7
        let highest = Dictionary(
            uniqueKeysWithValues: context.services.prescribable(for: surgery, week: week).map {
                ($0.exercise.id, $0.highest)
            })
        return plan.exercises.compactMap { item in
            guard let exercise = context.services.catalog.exercise(item.id), let top = highest[item.id] else {
                return nil
            }
            let options = exercise.ladder.prefix(top).map { rung in
                Option(
                    value: "\(item.id.rawValue):\(rung.step)", label: "Step \(rung.step): \(rung.name)",
                    selected: rung.step == item.step)
            }
            return DoseGroup(name: item.name, options: Array(options))
        }
    }

    private func swapIn(_ plan: Plan, _ surgery: Surgery) -> [Option] {
        let current = Set(plan.exercises.map(\.id))
        return context.services.prescribable(for: surgery, week: plan.daysSinceSurgery / 7)
            .filter { !current.contains($0.exercise.id) }
            .map { Option(value: $0.exercise.id.rawValue, label: $0.exercise.name, selected: false) }
    }

    private func changeProgram(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let identity = try context.clinician(requestContext)
        let form = try await context.form(request, requestContext, identity: identity)
        guard let id = requestContext.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
            throw WebError.notFound
        }
        let actor = context.actor(identity, requestContext)
        let patient = try await context.services.store.patient(id, by: actor)
        let today = context.configuration.today
        var change = ProgramChange()
        switch form["action"] {
        case "dose":
            let parts = (form["dose"] ?? "").split(separator: ":")
            if parts.count == 2, let step = Int(parts[1]) {
                change.prescriptions = [
                    Prescription(date: today, exercise: ExerciseID(rawValue: String(parts[0])), step: step)
                ]
            }
        case "swap":
            if let out = form["remove"], let add = form["add"] {
                change.prescriptions = [
                    Prescription(date: today, exercise: ExerciseID(rawValue: out), removed: true),
                    Prescription(date: today, exercise: ExerciseID(rawValue: add), step: 1),
                ]
            }
        case "phase": change.confirmPhase = form["phase"]
        default: break
        }
        do {
            _ = try await context.services.changeProgram(
                change, note: form["note"] ?? "", for: patient, clinician: identity.account.id, today: today,
                by: actor)
        } catch let error as InvalidInput {
            return try await patientPage(
                requestContext, changeError: WebError.from(error).message, status: .unprocessableContent)
        }
        return Response.seeOther("/clinic/patients/\(patient.id)#change")
    }

    /// The posted form's patient, when this clinician owns them, with the actor and the checked form.
    private func formPatient(_ request: Request, _ requestContext: AppRequestContext) async throws
        -> (Patient, AuditActor, Form)
    {
        let identity = try context.clinician(requestContext)
        let form = try await context.form(request, requestContext, identity: identity)
        guard let id = requestContext.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
            throw WebError.notFound
        }
        let actor = context.actor(identity, requestContext)
        return (try await context.services.store.patient(id, by: actor), actor, form)
    }

    private func enterMeasurements(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let (patient, actor, form) = try await formPatient(request, requestContext)
        let today = context.configuration.today
        do {
            let measurements = try MeasurementSection.measurements(from: form, surgery: patient.surgery, today: today)
            _ = try await context.services.enterMeasurements(
                measurements, for: patient, today: today, idempotency: nil, by: actor,
                respond: { _ in StoredResponse(status: 201, body: Data()) })
        } catch let error as InvalidInput {
            return try await patientPage(
                requestContext, measurementError: WebError.from(error).message, status: .unprocessableContent)
        } catch let error as WebError where error.field != nil {
            return try await patientPage(requestContext, measurementError: error.message, status: .unprocessableContent)
        }
        return Response.seeOther("/clinic/patients/\(patient.id)#measurements")
    }

    /// Runs an episode change from a posted form; a refused one shows the page again with the reason.
    private func episode(
        _ request: Request, _ requestContext: AppRequestContext,
        _ change: (Patient, Form, AccountID, AuditActor, CalendarDate) async throws -> Void
    ) async throws -> Response {
        let (patient, actor, form) = try await formPatient(request, requestContext)
        let identity = try context.clinician(requestContext)
        do {
            try await change(patient, form, identity.account.id, actor, context.configuration.today)
        } catch let error as InvalidInput {
            return try await patientPage(
                requestContext, episodeError: WebError.from(error).message, status: .unprocessableContent)
        } catch let error as WebError where error.field != nil {
            return try await patientPage(requestContext, episodeError: error.message, status: .unprocessableContent)
        }
        return Response.seeOther("/clinic/patients/\(patient.id)#episode")
    }

    private func strikeMeasurement(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let (patient, actor, form) = try await formPatient(request, requestContext)
        guard let id = requestContext.parameters.get("measurement").flatMap(MeasurementID.init(uuidString:)) else {
            throw WebError.notFound
        }
        do {
            _ = try await context.services.strikeMeasurement(id, of: patient, reason: form["reason"] ?? "", by: actor)
        } catch let error as InvalidInput {
            return try await patientPage(
                requestContext, measurementError: WebError.from(error).message, status: .unprocessableContent)
        }
        return Response.seeOther("/clinic/patients/\(patient.id)#measurements")
    }

    static func author(_ author: PlanAuthor) -> String {
        switch author {
        case .clinician: "Clinician"
        case .rule(let rule): "Rule: \(rule)"
        }
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    /// The progress report for a date range (`from`, `to`; the whole episode by default): the summary's parts with
    /// the clinician page's charts, as HTML with print styles or as PDF. Reading it is recorded as an export.
    private func report(_ request: Request, _ requestContext: AppRequestContext, pdf: Bool, api: Bool) async throws
        -> Response
    {
        let (identity, overview) = try await load(requestContext)
        let patient = overview.patient
        let today = max(context.configuration.today, patient.surgery.date)
        func day(_ name: String, _ fallback: CalendarDate) throws -> CalendarDate {
            guard let text = request.uri.queryParameters.get(name) else { return fallback }
            guard let date = CalendarDate(iso: text) else { throw WebError.invalid(name, "must be a date YYYY-MM-DD") }
            return date
        }
        let from = try day("from", patient.surgery.date)
        let to = try day("to", patient.discharge?.date ?? today)
        guard from <= to else { throw WebError.invalid("from", "must not be after to") }
        let actor = context.actor(identity, requestContext)
        try await context.services.store.appendAudit(AuditEntry(actor, .recordExport, patient: patient.id))
        let summary = ProgressSummary(
            record: overview.record, responses: overview.responses, alerts: overview.alerts,
            revisions: overview.revisions, plan: overview.plan, from: from, to: to, catalog: context.services.catalog,
            questionnaires: context.services.questionnaires, day: context.configuration.day(of:))
        var model = SummaryPage(
            chrome: context.chrome("Progress report", identity), overview: overview, summary: summary,
            catalog: context.services.catalog)
        model.title = "Progress report"
        model.charts = ProgressCharts.make(record: overview.record, responses: overview.responses, today: to)
        let base = api ? "/api/v1/patients" : "/clinic/patients"
        model.pdfLink = pdf ? nil : "\(base)/\(patient.id)/report.pdf?from=\(from)&to=\(to)"
        guard pdf else { return context.pages.page("summary", model) }
        let document = try await context.reports.render(context.pages.html("summary", model))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf",
                .contentDisposition: "inline; filename=\"progress-report-\(from)-\(to).pdf\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }

    private func summary(_ requestContext: AppRequestContext) async throws -> Response {
        let (identity, overview) = try await load(requestContext)
        let patient = overview.patient
        let to = patient.discharge?.date ?? max(context.configuration.today, patient.surgery.date)
        let summary = ProgressSummary(
            record: overview.record, responses: overview.responses, alerts: overview.alerts,
            revisions: overview.revisions, plan: overview.plan, from: patient.surgery.date, to: to,
            catalog: context.services.catalog, questionnaires: context.services.questionnaires,
            day: context.configuration.day(of:))
        let model = SummaryPage(
            chrome: context.chrome(patient.discharge == nil ? "Progress summary" : "Discharge summary", identity),
            overview: overview, summary: summary, catalog: context.services.catalog)
        return context.pages.page("summary", model)
    }

    private func handout(_ requestContext: AppRequestContext) async throws -> Response {
        let (identity, overview) = try await load(requestContext)
        let plan = overview.plan
        let catalog = context.services.catalog
        let model = HandoutPage(
            chrome: context.chrome("Home exercise program", identity), name: overview.patient.name,
            pathway: Self.pathway(overview.patient.surgery, catalog: context.services.catalog), phase: plan.phase.name,
            date: plan.date.description,
            items: plan.exercises.filter { $0.change != .pause }.map { item in
                let exercise = catalog.exercise(item.id)
                return HandoutItem(
                    name: item.name, dose: item.when ?? DoseText.of(item), steps: exercise?.steps ?? [],
                    cues: exercise?.cues ?? [],
                    illustration: exercise.map { ExerciseIllustration.svg(for: $0, highlightSide: nil) } ?? "")
            }, precautions: plan.precautions, notice: plan.notice)
        return context.pages.page("handout", model)
    }

    // MARK: - New patient

    private func newPatient(_ identity: Identity, form: Form?, error: String?) -> NewPatientPage {
        let kind = form?["kind"]
        return NewPatientPage(
            chrome: context.chrome("Add a patient", identity),
            kinds: SurgeryKind.allCases.map {
                PainScale.Choice(
                    field: "kind", value: $0.rawValue, label: context.services.catalog.protocol(for: $0).name,
                    checked: kind == $0.rawValue)
            }, name: form?["name"] ?? "", email: form?["email"] ?? "",
            date: form?["date"] ?? context.configuration.today.description, left: form?["side"] == "left",
            right: form?["side"] == "right", error: error, submission: form?["submission"] ?? UUID().uuidString)
    }

    private func create(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let identity = try context.clinician(requestContext)
        let form = try await context.form(request, requestContext, identity: identity)
        do {
            guard let kind = form["kind"].flatMap(SurgeryKind.init(rawValue:)) else {
                throw WebError.invalid("kind", "— choose the surgery or pathway.")
            }
            guard let side = form["side"].flatMap(Side.init(rawValue:)) else {
                throw WebError.invalid("side", "— choose the left or right knee.")
            }
            guard let date = form["date"].flatMap(CalendarDate.init(iso:)) else {
                throw WebError.invalid("date", "— enter the surgery date as YYYY-MM-DD.")
            }
            let surgery = Surgery(kind: kind, side: side, date: date)
            try SurgeryInput.check(surgery, today: context.configuration.today)
            let invite = InviteCode.issue(
                now: context.configuration.now(), lifetime: context.configuration.inviteLifetime)
            let started = try await context.services.startProgram(
                name: form["name"] ?? "", email: form["email"] ?? "", surgery: surgery,
                clinician: identity.account.id, inviteCodeHash: invite.hash, inviteExpiresAt: invite.expires,
                today: context.configuration.today, by: context.actor(identity, requestContext))
            guard let patient = started.created else { throw StorageError(.invalid, "createPatient: replay") }
            let model = InvitePage(
                chrome: context.chrome("Invite for \(patient.name)", identity), name: patient.name, code: invite.code,
                expires: Self.day(invite.expires), pathway: Self.pathway(surgery, catalog: context.services.catalog))
            return context.pages.page("invite", model, status: .created)
        } catch let error as InvalidInput {
            let failure = WebError.from(error)
            return context.pages.page(
                "new-patient", newPatient(identity, form: form, error: failure.message), status: .unprocessableContent)
        } catch let error as WebError where error.status == .unprocessableContent {
            return context.pages.page(
                "new-patient", newPatient(identity, form: form, error: error.message), status: .unprocessableContent)
        } catch let error as StorageError where error.code == .emailInUse {
            return context.pages.page(
                "new-patient", newPatient(identity, form: form, error: "This email already has an account."),
                status: .conflict)
        }
    }
}
