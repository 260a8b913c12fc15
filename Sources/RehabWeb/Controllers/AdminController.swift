import Foundation
import Hummingbird
import RehabCore

/// The admin's API: the clinic's caseload (who looks after whom, no health data) and handing a patient to another
/// clinician. Every other role answers 403.
struct AdminController {
    let services: RehabServices
    let configuration: WebConfiguration

    struct Caseload: Encodable {
        struct Row: Encodable {
            let patientId: PatientID
            let patientName: String
            let clinicianId: AccountID
            let clinicianName: String
        }
        struct Clinician: Encodable {
            let id: AccountID
            let name: String
        }
        let patients: [Row]
        let clinicians: [Clinician]
    }

    struct ReassignBody: Decodable {
        let clinicianId: AccountID
    }

    struct Reassigned: Encodable {
        let patientId: PatientID
        let clinicianId: AccountID
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("admin/patients") { _, context in
            let identity = try context.requireAdmin()
            let actor = identity.actor(at: configuration.now(), origin: context.clientAddress)
            return JSONResponse.make(try await Self.caseload(services, by: actor))
        }
        group.post("admin/patients/:id/reassign") { request, context in
            let identity = try context.requireAdmin()
            guard let id = context.parameters.get("id").flatMap(PatientID.init(uuidString:)) else {
                throw WebError.notFound
            }
            let body = try RequestBody.json(
                ReassignBody.self, from: try await RequestBody.data(request, context: context))
            let actor = identity.actor(at: configuration.now(), origin: context.clientAddress)
            let patient = try await services.reassign(id, to: body.clinicianId, by: actor)
            return JSONResponse.make(Reassigned(patientId: patient.id, clinicianId: patient.clinicianID))
        }
    }

    /// The caseload and the clinicians a patient may be handed to.
    static func caseload(_ services: RehabServices, by actor: AuditActor) async throws -> Caseload {
        Caseload(
            patients: try await services.store.caseload(by: actor).map {
                .init(
                    patientId: $0.patientID, patientName: $0.patientName, clinicianId: $0.clinicianID,
                    clinicianName: $0.clinicianName)
            },
            clinicians: try await services.store.clinicians().map { .init(id: $0.id, name: $0.name) })
    }
}
