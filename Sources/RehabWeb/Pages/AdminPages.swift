import Foundation
import Hummingbird
import RehabCore

/// The admin's page: who looks after whom, and handing a patient to another clinician (audited; the new clinician
/// sees the whole history, the old one no longer sees the patient). No health data is shown.
struct AdminPages {
    let context: PageContext

    struct Page {
        let chrome: Chrome
        let rows: [Row]
        let empty: Bool
        let done: String?
    }

    struct Row {
        let id: String
        let name: String
        let clinician: String
        let choices: [Choice]
    }

    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    struct AuditPage {
        let chrome: Chrome
        let patients: [Choice]
        let accounts: [Choice]
        let actions: [Choice]
        let from: String
        let to: String
        let rows: [AuditRow]
        let empty: Bool
        let csv: String
        let error: String?
    }

    struct AuditRow {
        let at: String
        let who: String
        let action: String
        /// Whose: the patient's name, or the e-mail of the account acted on.
        let about: String
        let origin: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("admin/audit") { request, requestContext in try await audit(request, requestContext) }
        router.get("admin/audit.csv") { request, requestContext in
            let identity = try context.admin(requestContext)
            let query = try AuditTrailRoutes.query(
                AuditTrailRoutes.parameters(request), configuration: context.configuration)
            let rows = try await context.services.store.auditTrail(
                query, by: context.actor(identity, requestContext))
            return AuditTrailRoutes.csv(rows, today: context.configuration.today)
        }
        router.get("admin") { request, requestContext in
            try await page(requestContext, done: request.uri.queryParameters.get("moved") != nil)
        }
        router.post("admin/patients/:id/reassign") { request, requestContext in
            let identity = try context.admin(requestContext)
            let form = try await context.form(request, requestContext, identity: identity)
            guard let id = requestContext.parameters.get("id").flatMap(PatientID.init(uuidString:)),
                let clinician = form["clinician"].flatMap(AccountID.init(uuidString:))
            else { throw WebError.notFound }
            _ = try await context.services.reassign(id, to: clinician, by: context.actor(identity, requestContext))
            return Response.seeOther("/admin?moved=1")
        }
    }

    /// RFC 3986's unreserved characters: what a query value keeps as it is.
    static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    private func audit(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let identity = try context.admin(requestContext)
        let actor = context.actor(identity, requestContext)
        let parameters = AuditTrailRoutes.parameters(request)
        var rows: [AuditTrailEntry] = []
        var error: String?
        do {
            rows = try await context.services.store.auditTrail(
                try AuditTrailRoutes.query(parameters, configuration: context.configuration), by: actor)
        } catch let invalid as WebError where invalid.field != nil {
            error = invalid.message
        }
        let caseload = try await context.services.store.caseload(by: actor)
        let clinicians = try await context.services.store.clinicians()
        func choices(_ pairs: [(String, String)], _ selected: String?) -> [Choice] {
            [Choice(value: "", label: "Any", selected: selected == nil)]
                + pairs.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == selected) }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = context.configuration.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let query = parameters.filter { $0.key != "as" && !$0.value.isEmpty }
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")" }
            .joined(separator: "&")
        let model = AuditPage(
            chrome: context.chrome("Audit trail", identity),
            patients: choices(caseload.map { ($0.patientID.description, $0.patientName) }, parameters["patient"]),
            accounts: choices(
                clinicians.map { ($0.id.description, "\($0.name) (\($0.email))") }, parameters["account"]),
            actions: choices(AuditAction.written.map { ($0.rawValue, $0.rawValue) }, parameters["action"]),
            from: parameters["from"] ?? "", to: parameters["to"] ?? "",
            rows: rows.map { row in
                AuditRow(
                    at: formatter.string(from: row.entry.at),
                    who: row.accountName.map { name in "\(name) (\(row.accountRole?.rawValue ?? "account"))" }
                        ?? "the system",
                    action: row.entry.action.rawValue, about: row.patientName ?? row.subjectEmail ?? "–",
                    origin: row.entry.origin)
            }, empty: rows.isEmpty, csv: "/admin/audit.csv" + (query.isEmpty ? "" : "?" + query), error: error)
        return context.pages.page("audit", model, status: error == nil ? .ok : .unprocessableContent)
    }

    private func page(_ requestContext: AppRequestContext, done: Bool) async throws -> Response {
        let identity = try context.admin(requestContext)
        let caseload = try await AdminController.caseload(
            context.services, by: context.actor(identity, requestContext))
        let rows = caseload.patients.map { row in
            Row(
                id: row.patientId.description, name: row.patientName, clinician: row.clinicianName,
                choices: caseload.clinicians.map {
                    Choice(value: $0.id.description, label: $0.name, selected: $0.id == row.clinicianId)
                })
        }
        let model = Page(
            chrome: context.chrome("Who looks after whom", identity), rows: rows, empty: rows.isEmpty,
            done: done ? "The patient now belongs to the clinician you chose." : nil)
        return context.pages.page("admin", model)
    }
}
