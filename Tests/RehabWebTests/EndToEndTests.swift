import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// A clinician and a patient over real HTTP on loopback: sign-up, a week of sessions, a regression, a red flag.
struct EndToEndTests {
    @Test func aWeekOfRehabOverRealHTTP() async throws {
        let harness = try await WebHarness.make()
        try await harness.live { client in
            #expect(client.port != nil)
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(
                clinician: clinician, kind: "acl-reconstruction", surgeryDate: "2026-10-28")
            // Six good days.
            for day in 18...23 {
                var headers = patient
                headers[try #require(.init("Idempotency-Key"))] = "day-\(day)"
                let plan = try Body.object(
                    try await client.execute(
                        uri: "/api/v1/me/plan?date=2026-11-\(day)", method: .get, headers: patient))
                let exercises = try #require(plan["exercises"] as? [[String: Any]]).filter {
                    $0["category"] as? String != "recovery" && $0["change"] as? String != "pause"
                }
                let done = exercises.map { item -> String in
                    let id = item["id"] as? String ?? ""
                    let isWarmUp = item["category"] as? String == "warm-up"
                    return isWarmUp
                        ? #"{"id":"\#(id)","durationMinutes":\#(item["durationMinutes"] as? Int ?? 5)}"#
                        : #"{"id":"\#(id)","step":\#(item["step"] as? Int ?? 1),"painDuring":1,"difficulty":"easy"}"#
                }
                let session =
                    #"{"date":"2026-11-\#(day)","painBefore":1,"painAfter":1,"exercises":[\#(done.joined(separator: ","))]}"#
                let stored = try await client.execute(
                    uri: "/api/v1/me/sessions", method: .post, headers: headers, body: Body.json(session))
                #expect(stored.status == .created, "day \(day)")
            }
            // A bad day: red pain and "hard" on one exercise.
            let plan = try Body.object(try await client.execute(uri: "/api/v1/me/plan", method: .get, headers: patient))
            let strength = try #require(
                (plan["exercises"] as? [[String: Any]])?.first { $0["category"] as? String == "strength" })
            let exercise = try #require(strength["id"] as? String)
            let stepBefore = try #require(strength["step"] as? Int)
            let bad =
                #"{"date":"2026-11-24","painAfter":6,"exercises":[{"id":"\#(exercise)","step":\#(stepBefore),"painDuring":7,"difficulty":"hard"}]}"#
            let stored = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: patient, body: Body.json(bad))
            #expect(stored.status == .created)
            let next = try Body.object(
                try await client.execute(uri: "/api/v1/me/plan?date=2026-11-25", method: .get, headers: patient))
            let after = try #require((next["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == exercise })
            #expect(
                after["change"] as? String == "regress" || (stepBefore == 1 && after["change"] as? String == "hold"))
            #expect((after["step"] as? Int ?? 0) <= max(1, stepBefore - 1) || stepBefore == 1)
            #expect((after["reason"] as? String)?.isEmpty == false)
            // A red flag: a hot, swollen calf.
            let checkIn = try await client.execute(
                uri: "/api/v1/me/checkins", method: .post, headers: patient,
                body: Body.json(#"{"date":"2026-11-25","painAtRest":4,"calfPainOrSwelling":true}"#))
            #expect(checkIn.status == .created)
            #expect(["urgent", "emergency"].contains(try Body.object(checkIn)["level"] as? String))
            let list = try Body.array(
                try await client.execute(uri: "/api/v1/patients", method: .get, headers: clinician))
            let row = try #require(list.first { $0["id"] as? String == id })
            #expect((row["badges"] as? [String])?.contains("red-flag") == true)
            let frozen = try Body.object(
                try await client.execute(uri: "/api/v1/me/plan?date=2026-11-25", method: .get, headers: patient))
            let changes = (frozen["exercises"] as? [[String: Any]] ?? []).compactMap { $0["change"] as? String }
            #expect(!changes.contains("progress"), "a red flag always wins over progression")
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["sessions"] as? [Any])?.count == 7)
        }
    }
}
