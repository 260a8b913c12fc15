import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// Every route, every role: who gets in, who gets 401/403, and who gets 404 for someone else's patient.
struct AccessMatrixTests {
    enum Role: String, CaseIterable, Sendable {
        case anonymous, patient, owner, otherClinician, admin
    }

    struct Route: Sendable, CustomStringConvertible {
        let method: String
        let path: String
        let body: String?
        let expected: [Role: Int]
        var description: String { "\(method) \(path)" }
    }

    static let patientBody =
        #"{"name":"N","email":"n-ROLE@home.test","surgery":{"kind":"meniscus-repair","side":"left","date":"2026-11-01"}}"#
    static let sessionBody =
        #"{"date":"2026-11-24","painAfter":2,"exercises":[{"id":"quad-set","painDuring":1,"difficulty":"right"}]}"#

    static func only(_ role: Role, _ status: Int, others: Int = 403, anonymous: Int = 401) -> [Role: Int] {
        var map: [Role: Int] = [.anonymous: anonymous]
        for other in Role.allCases where other != .anonymous { map[other] = other == role ? status : others }
        return map
    }

    static func clinicians(_ own: Int, other: Int, anonymous: Int = 401) -> [Role: Int] {
        [.anonymous: anonymous, .patient: 403, .owner: own, .otherClinician: other, .admin: 403]
    }

    static let routes: [Route] = [
        Route(method: "GET", path: "/api/v1/patients", body: nil, expected: clinicians(200, other: 200)),
        Route(method: "POST", path: "/api/v1/patients", body: patientBody, expected: clinicians(201, other: 201)),
        Route(method: "GET", path: "/api/v1/patients/PID", body: nil, expected: clinicians(200, other: 404)),
        Route(method: "GET", path: "/api/v1/patients/PID/record", body: nil, expected: clinicians(200, other: 404)),
        Route(method: "GET", path: "/api/v1/alerts", body: nil, expected: clinicians(200, other: 200)),
        Route(
            method: "POST", path: "/api/v1/patients/PID/measurements",
            body: #"{"date":"2026-11-24","kind":"knee-flexion","side":"left","value":95,"method":"goniometer"}"#,
            expected: clinicians(201, other: 404)),
        Route(
            method: "GET", path: "/api/v1/patients/PID/measurements", body: nil, expected: clinicians(200, other: 404)),
        Route(
            method: "POST", path: "/api/v1/patients/PID/surgery",
            body:
                #"{"surgery":{"kind":"meniscus-repair","side":"right","date":"2026-11-01"},"note":"Right, per the note."}"#,
            expected: clinicians(201, other: 404)),
        Route(
            method: "POST", path: "/api/v1/patients/PID/discharge", body: #"{"reason":"goals-met"}"#,
            expected: clinicians(201, other: 404)),
        Route(method: "GET", path: "/api/v1/admin/patients", body: nil, expected: only(.admin, 200)),
        Route(
            method: "GET", path: "/api/v1/patients/PID/export?as=fhir", body: nil, expected: clinicians(200, other: 404)
        ),
        Route(
            method: "GET", path: "/api/v1/patients/PID/export?as=csv", body: nil, expected: clinicians(200, other: 404)),
        Route(method: "GET", path: "/api/v1/patients/PID/report", body: nil, expected: clinicians(200, other: 404)),
        Route(
            method: "POST", path: "/api/v1/patients/PID/time",
            body: #"{"date":"2026-11-24","minutes":10,"activity":"call","interactive":true}"#,
            expected: clinicians(201, other: 404)),
        Route(method: "GET", path: "/api/v1/patients/PID/time", body: nil, expected: clinicians(200, other: 404)),
        Route(method: "GET", path: "/api/v1/rtm", body: nil, expected: clinicians(200, other: 200)),
        Route(method: "GET", path: "/api/v1/me/calendar.ics", body: nil, expected: only(.patient, 200)),
        Route(method: "POST", path: "/api/v1/me/calendar/link", body: "{}", expected: only(.patient, 201)),
        Route(method: "GET", path: "/settings", body: nil, expected: only(.patient, 200, anonymous: 303)),
        Route(method: "GET", path: "/clinic/rtm", body: nil, expected: clinicians(200, other: 200, anonymous: 303)),
        Route(method: "GET", path: "/admin", body: nil, expected: only(.admin, 200, anonymous: 303)),
        Route(
            method: "GET", path: "/clinic/patients/PID/summary", body: nil,
            expected: clinicians(200, other: 404, anonymous: 303)),
        Route(
            method: "POST", path: "/api/v1/me/measurements",
            body: #"{"kind":"single-leg-balance","side":"left","value":20}"#, expected: only(.patient, 201)),
        Route(method: "GET", path: "/api/v1/me/plan", body: nil, expected: only(.patient, 200)),
        Route(method: "PUT", path: "/api/v1/me/language", body: #"{"language":"es"}"#, expected: only(.patient, 200)),
        Route(method: "POST", path: "/api/v1/me/sessions", body: sessionBody, expected: only(.patient, 201)),
        Route(
            method: "POST", path: "/api/v1/me/checkins", body: #"{"date":"2026-11-25","painAtRest":1}"#,
            expected: only(.patient, 201)),
        Route(
            method: "POST", path: "/api/v1/me/questionnaires/nprs", body: #"{"pain":3}"#,
            expected: only(.patient, 201)),
        Route(method: "GET", path: "/today", body: nil, expected: only(.patient, 200, anonymous: 303)),
        Route(method: "GET", path: "/session", body: nil, expected: only(.patient, 200, anonymous: 303)),
        Route(method: "GET", path: "/checkin", body: nil, expected: only(.patient, 200, anonymous: 303)),
        Route(method: "GET", path: "/progress", body: nil, expected: only(.patient, 200, anonymous: 303)),
        Route(method: "GET", path: "/questionnaires", body: nil, expected: only(.patient, 200, anonymous: 303)),
        Route(method: "GET", path: "/questionnaires/koos", body: nil, expected: only(.patient, 200, anonymous: 303)),
        Route(method: "GET", path: "/clinic", body: nil, expected: clinicians(200, other: 200, anonymous: 303)),
        Route(
            method: "GET", path: "/clinic/patients/new", body: nil,
            expected: clinicians(200, other: 200, anonymous: 303)),
        Route(
            method: "GET", path: "/clinic/patients/PID", body: nil,
            expected: clinicians(200, other: 404, anonymous: 303)),
        Route(
            method: "GET", path: "/clinic/patients/PID/handout", body: nil,
            expected: clinicians(200, other: 404, anonymous: 303)),
        Route(method: "POST", path: "/api/v1/patients/PID/invite", body: nil, expected: clinicians(201, other: 404)),
        Route(
            method: "POST", path: "/api/v1/me/password",
            body: #"{"currentPassword":"correct horse battery","newPassword":"short"}"#, expected: everyone(422)),
        Route(method: "POST", path: "/api/v1/me/sign-out-everywhere", body: nil, expected: everyone(204)),
        Route(method: "GET", path: "/api/v1/me/session", body: nil, expected: everyone(200)),
        Route(
            method: "GET", path: "/api/v1/me/second-factor", body: nil,
            expected: [.anonymous: 401, .patient: 403, .owner: 200, .otherClinician: 200, .admin: 200]),
        Route(
            method: "POST", path: "/api/v1/me/second-factor", body: nil,
            expected: [.anonymous: 401, .patient: 403, .owner: 200, .otherClinician: 200, .admin: 200]),
        Route(
            method: "POST", path: "/api/v1/me/second-factor/confirm", body: #"{"secret":"MZXW6YTBOI","code":"1"}"#,
            expected: [.anonymous: 401, .patient: 403, .owner: 422, .otherClinician: 422, .admin: 422]),
        Route(method: "GET", path: "/api/v1/admin/second-factor", body: nil, expected: only(.admin, 200)),
        Route(method: "GET", path: "/api/v1/admin/second-factors", body: nil, expected: only(.admin, 200)),
        Route(
            method: "DELETE", path: "/api/v1/admin/second-factors/00000000-0000-4000-8000-000000000000",
            body: #"{"password":"\#(WebHarness.password)"}"#, expected: only(.admin, 404)),
        Route(
            method: "PUT", path: "/api/v1/admin/second-factor", body: #"{"required":false}"#,
            expected: only(.admin, 200)),
        Route(
            method: "GET", path: "/account/second-factor", body: nil,
            expected: [.anonymous: 303, .patient: 403, .owner: 200, .otherClinician: 200, .admin: 200]),
        Route(
            method: "GET", path: "/account", body: nil,
            expected: [.anonymous: 303, .patient: 303, .owner: 200, .otherClinician: 200, .admin: 200]),
    ]

    static func everyone(_ status: Int) -> [Role: Int] {
        var map: [Role: Int] = [.anonymous: 401]
        for role in Role.allCases where role != .anonymous { map[role] = status }
        return map
    }

    @Test(arguments: routes)
    func everyRoleGetsWhatItShould(_ route: Route) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let owner = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: owner)
            let headers: [Role: HTTPFields] = [
                .anonymous: [.contentType: "application/json"], .patient: patient, .owner: owner,
                .otherClinician: try await client.signIn("ben@clinic.test"),
                .admin: try await client.signIn("root@clinic.test"),
            ]
            for role in Role.allCases {
                let body = route.body.map { Body.json($0.replacingOccurrences(of: "ROLE", with: role.rawValue)) }
                let response = try await client.execute(
                    uri: route.path.replacingOccurrences(of: "PID", with: id),
                    method: .init(route.method) ?? .get, headers: headers[role] ?? [:], body: body)
                #expect(response.status.code == route.expected[role], "\(route) as \(role)")
            }
        }
    }
}
