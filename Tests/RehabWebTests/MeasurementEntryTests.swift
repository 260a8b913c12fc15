import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// Measurements entered by hand: every kind through the API, the catalog's ranges and methods naming the field,
/// the phase gate reading a goniometer entry at once, limb symmetry from both legs, and strike-outs that keep the
/// audit trail.
struct MeasurementEntryTests {
    static func post(
        _ client: any TestClientProtocol, _ path: String, _ headers: HTTPFields, _ body: String
    ) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: headers, body: Body.json(body))
    }

    static func list(_ client: any TestClientProtocol, _ id: String, _ headers: HTTPFields) async throws
        -> [String: Any]
    {
        try Body.object(
            try await client.execute(uri: "/api/v1/patients/\(id)/measurements", method: .get, headers: headers))
    }

    @Test func everyKindIsTakenWithItsCatalogUnit() async throws {
        let harness = try await WebHarness.make()
        let measures = harness.services.catalog.measurements
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            for spec in measures.specs {
                let value = (spec.range.min + spec.range.max) / 2
                let method = spec.methods.first { $0 != .patientReported } ?? spec.methods[0]
                let response = try await Self.post(
                    client, "/api/v1/patients/\(id)/measurements", clinician,
                    #"{"date":"2026-11-20","kind":"\#(spec.kind.rawValue)","side":"right","value":\#(value),"method":"\#(method.rawValue)","note":"clinic visit"}"#
                )
                #expect(response.status == .created, "\(spec.kind)")
                let stored = try Body.object(response)
                #expect(stored["unit"] as? String == spec.unit.rawValue)
                #expect(stored["value"] as? Double == value && stored["note"] as? String == "clinic visit")
                #expect(stored["countsForGates"] as? Bool == spec.opensGate(method))
            }
            let listed = try await Self.list(client, id, clinician)["measurements"] as? [[String: Any]]
            #expect(listed?.compactMap { $0["kind"] as? String } == measures.specs.map(\.kind.rawValue))
        }
    }

    @Test(arguments: [
        (#"{"kind":"knee-flexion","side":"left","value":171,"method":"goniometer"}"#, "value"),
        (#"{"kind":"knee-flexion","side":"left","value":-21,"method":"goniometer"}"#, "value"),
        (#"{"kind":"timed-hop-6m","side":"left","value":0.2,"method":"timed-test"}"#, "value"),
        (#"{"kind":"knee-flexion","side":"middle","value":90,"method":"goniometer"}"#, "side"),
        (#"{"kind":"knee-bend","side":"left","value":90}"#, "kind"),
        (#"{"kind":"knee-flexion","side":"left","value":90,"method":"dynamometer"}"#, "method"),
        (#"{"kind":"knee-flexion","side":"left","value":90,"method":"tape"}"#, "method"),
        (#"{"date":"2026-12-01","kind":"knee-flexion","side":"left","value":90}"#, "date"),
        (#"{"date":"2026-10-01","kind":"knee-flexion","side":"left","value":90}"#, "date"),
        (#"{"kind":"knee-flexion","side":"left","value":90,"note":"a\u0000b"}"#, "note"),
        (#"{"kind":"knee-flexion","side":"left"}"#, "value"),
    ])
    func badEntriesNameTheFieldAndStoreNothing(_ body: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            let response = try await Self.post(client, "/api/v1/patients/\(id)/measurements", clinician, body)
            #expect([.badRequest, .unprocessableContent].contains(response.status))
            #expect(try Body.error(response).field == field)
            #expect((try await Self.list(client, id, clinician)["measurements"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func aGoniometerEntryOpensTheGateAtOnceAndAPatientsOwnDoesNot() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician, surgeryDate: "2026-11-01")
            let checkIn = #"{"date":"2026-11-25","painAtRest":1,"swelling":"none"}"#
            #expect(try await Self.post(client, "/api/v1/me/checkins", patient, checkIn).status == .created)
            func phase() async throws -> String? {
                let summary = try Body.object(
                    try await client.execute(uri: "/api/v1/patients/\(id)", method: .get, headers: clinician))
                return (summary["phase"] as? [String: Any])?["id"] as? String
            }
            let measurements = "/api/v1/patients/\(id)/measurements"
            #expect(
                try await Self.post(
                    client, "/api/v1/me/measurements", patient,
                    #"{"kind":"knee-flexion","side":"left","value":100}"#
                ).status == .created)
            #expect(
                try await Self.post(
                    client, measurements, clinician,
                    #"{"kind":"knee-extension","side":"left","value":5,"method":"goniometer"}"#
                ).status == .created)
            #expect(try await phase() == "tkr-1")
            let plan = try Body.object(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            let unmet = ((plan["phaseGate"] as? [String: Any])?["unmet"] as? [String]) ?? []
            #expect(unmet.contains { $0.contains("reported by the patient: 100°") && $0.contains("goniometer") })
            #expect(
                try await Self.post(
                    client, measurements, clinician,
                    #"{"kind":"knee-flexion","side":"left","value":95,"method":"goniometer"}"#
                ).status == .created)
            #expect(try await phase() == "tkr-2")
        }
    }

    /// With a phase the clinician confirmed, a gate met by a goniometer entry raises the "phase gate met" alert for
    /// the clinician to confirm the move.
    @Test func aGateMetByAGoniometerEntryRaisesItsAlert() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician, surgeryDate: "2026-11-01")
            let confirm = #"{"note":"Confirmed at the visit.","phase":"tkr-1"}"#
            #expect(
                try await Self.post(client, "/api/v1/patients/\(id)/program", clinician, confirm).status == .created)
            let checkIn = #"{"date":"2026-11-25","painAtRest":1,"swelling":"none"}"#
            #expect(try await Self.post(client, "/api/v1/me/checkins", patient, checkIn).status == .created)
            func gateAlerts() async throws -> Int {
                let alerts = try Body.array(
                    try await client.execute(uri: "/api/v1/alerts", method: .get, headers: clinician))
                return alerts.filter { $0["rule"] as? String == "phase-gate-met" }.count
            }
            let path = "/api/v1/patients/\(id)/measurements"
            let extensionBody = #"{"kind":"knee-extension","side":"left","value":5,"method":"goniometer"}"#
            #expect(try await Self.post(client, path, clinician, extensionBody).status == .created)
            #expect(try await gateAlerts() == 0)
            let flexion = #"{"kind":"knee-flexion","side":"left","value":92,"method":"goniometer"}"#
            #expect(try await Self.post(client, path, clinician, flexion).status == .created)
            #expect(try await gateAlerts() == 1)
        }
    }

    @Test func limbSymmetryTurnsTheTimedHopRound() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(
                clinician: clinician, kind: "acl-reconstruction", surgeryDate: "2026-06-01")
            let path = "/api/v1/patients/\(id)/measurements"
            for (kind, left, right) in [("quadriceps-strength", 300.0, 400.0), ("timed-hop-6m", 2.5, 2.0)] {
                for (side, value) in [("left", left), ("right", right)] {
                    let body = #"{"date":"2026-11-20","kind":"\#(kind)","side":"\#(side)","value":\#(value)}"#
                    #expect(try await Self.post(client, path, clinician, body).status == .created)
                }
            }
            let symmetry = try await Self.list(client, id, clinician)["symmetry"] as? [[String: Any]] ?? []
            func latest(_ kind: String) -> Double? {
                (symmetry.first { $0["kind"] as? String == kind }?["latest"] as? [String: Any])?["index"] as? Double
            }
            #expect(latest("quadriceps-strength") == 75)  // 300 ÷ 400 × 100, the operated left leg
            #expect(latest("timed-hop-6m") == 80)  // 2.0 ÷ 2.5 × 100: the slower operated leg scores lower
            let quadriceps = symmetry.first { $0["kind"] as? String == "quadriceps-strength" }
            #expect(quadriceps?["criterion"] as? Double != nil)
        }
    }

    @Test func aStrikeOutKeepsTheEntryAndItsAuditTrailButStopsItCounting() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            let created = try Body.object(
                try await Self.post(
                    client, "/api/v1/patients/\(id)/measurements", clinician,
                    #"{"kind":"knee-flexion","side":"left","value":150,"method":"goniometer"}"#))
            let measurement = try #require(created["id"] as? String)
            let strike = "/api/v1/patients/\(id)/measurements/\(measurement)/strike"
            let empty = try await Self.post(client, strike, clinician, #"{"reason":"  "}"#)
            #expect(try Body.error(empty).field == "reason")
            let other = try await client.signIn("ben@clinic.test")
            #expect(try await Self.post(client, strike, other, #"{"reason":"typo"}"#).status == .notFound)
            let struck = try await Self.post(client, strike, clinician, #"{"reason":"typed 150 for 105"}"#)
            #expect(struck.status == .ok)
            #expect((try Body.object(struck)["struck"] as? [String: Any])?["reason"] as? String == "typed 150 for 105")
            #expect(try await Self.post(client, strike, clinician, #"{"reason":"again"}"#).status == .notFound)
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["measurements"] as? [Any])?.isEmpty == true)
            let listed = try await Self.list(client, id, clinician)["measurements"] as? [[String: Any]]
            #expect(listed?.count == 1 && listed?.first?["countsForGates"] as? Bool == false)
            let audit = try await harness.services.store.auditEntries(
                AuditQuery(patientID: try #require(PatientID(uuidString: id))))
            #expect(audit.contains { $0.action == .measurementStrike })
        }
    }

    @Test func theClinicianPageTakesBothLegsShowsSymmetryAndStrikesOut() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(
                clinician: api, kind: "acl-reconstruction", surgeryDate: "2026-08-01")
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let page = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(page.contains("Add a measurement") && page.contains("No measurements yet."))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let path = "/clinic/patients/\(id)/measurements"
            let bad = try await clinician.post(
                path, [("csrf", csrf), ("kind", "quadriceps-strength"), ("method", "dynamometer"), ("operated", "x")])
            #expect(bad.status == .unprocessableContent && Body.text(bad).contains("operated must be a number"))
            let saved = try await clinician.post(
                path,
                [
                    ("csrf", csrf), ("kind", "quadriceps-strength"), ("method", "dynamometer"), ("operated", "240"),
                    ("other", "300"), ("date", "2026-11-24"), ("note", "60° isometric"),
                ])
            #expect(saved.status == .seeOther)
            for spec in harness.services.catalog.measurements.specs where spec.kind != .quadricepsStrength {
                let method = spec.methods.first { $0 != .patientReported } ?? spec.methods[0]
                let value = QuestionnairePages.number((spec.range.min + spec.range.max) / 2)
                let posted = try await clinician.post(
                    path,
                    [
                        ("csrf", csrf), ("kind", spec.kind.rawValue), ("method", method.rawValue), ("operated", value),
                        ("other", value), ("date", "2026-11-24"),
                    ])
                #expect(posted.status == .seeOther, "\(spec.kind)")
            }
            let after = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(after.contains("Limb symmetry") && after.contains("80%") && after.contains("60° isometric"))
            #expect(after.contains("id=\"lsi-quadriceps-strength\""))
            let action = try #require(after.range(of: "/strike\"")).lowerBound
            let start = try #require(after[..<action].range(of: "/measurements/", options: .backwards)).upperBound
            let struck = try await clinician.post(
                "\(path)/\(after[start..<action])/strike", [("csrf", csrf), ("reason", "wrong leg")])
            #expect(struck.status == .seeOther)
            #expect(Body.text(try await clinician.get("/clinic/patients/\(id)")).contains("wrong leg"))
        }
    }

    @Test func aPatientTimesTheirBalanceOnTheExerciseScreenAndItIsMarkedAsTheirs() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let email = "bal-\(UUID().uuidString.prefix(6))@home.test"
            let (id, _) = try await client.addPatient(
                clinician: api, kind: "partial-meniscectomy", surgeryDate: "2026-11-01", email: email)
            let moved = try await client.execute(
                uri: "/api/v1/patients/\(id)/program", method: .post, headers: api,
                body: Body.json(#"{"note":"Ready for balance work.","phase":"pm-2"}"#))
            #expect(moved.status == .created)
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            var page = Body.text(try await patient.get("/session"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let submission = try #require(PageClient.value(of: "submission", in: page))
            page = Body.text(
                try await patient.post(
                    "/session", [("csrf", csrf), ("submission", submission), ("stage", "start"), ("pain", "1")]))
            var timed = 0
            var screens = 0
            while page.contains("Done — next"), screens < 20 {
                screens += 1
                var fields = [
                    ("csrf", csrf), ("submission", submission),
                    ("done", try #require(PageClient.value(of: "done", in: page))),
                    ("painBefore", PageClient.value(of: "painBefore", in: page) ?? ""), ("pain", "1"),
                    ("difficulty", "right"), ("action", "next"),
                ]
                if page.contains("name=\"ownMeasure\"") {
                    timed += 1
                    #expect(page.contains("Stand on your left leg"))
                    let refused = try await patient.post("/session", fields + [("ownMeasure", "9999")])
                    #expect(refused.status == .unprocessableContent)
                    fields.append(("ownMeasure", "22"))
                }
                page = Body.text(try await patient.post("/session", fields))
            }
            #expect(timed == 1)
            let listed = try await Self.list(client, id, api)["measurements"] as? [[String: Any]] ?? []
            #expect(listed.count == 1)
            #expect(listed.first?["kind"] as? String == "single-leg-balance" && listed.first?["value"] as? Double == 22)
            #expect(
                listed.first?["method"] as? String == "patient-reported" && listed.first?["side"] as? String == "left")
        }
    }
}
