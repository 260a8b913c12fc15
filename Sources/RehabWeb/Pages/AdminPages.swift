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

    func addRoutes(to router: Router<AppRequestContext>) {
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
