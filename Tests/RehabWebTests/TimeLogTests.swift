import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// The RTM time log and month through the API and the pages: fields named, codes as CONTRACT's row says, another
/// clinician's patient 404.
struct TimeLogTests {
    static func post(_ client: any TestClientProtocol, _ path: String, _ headers: HTTPFields, _ body: String)
        async throws -> TestResponse
    {
        try await client.execute(uri: path, method: .post, headers: headers, body: Body.json(body))
    }

    @Test(arguments: [
        (#"{"date":"2026-11-24","minutes":0,"activity":"call","interactive":true}"#, "minutes"),
        (#"{"date":"2026-11-24","minutes":500,"activity":"call","interactive":true}"#, "minutes"),
        (#"{"date":"2026-12-24","minutes":10,"activity":"call","interactive":true}"#, "date"),
        (#"{"date":"2026-11-24","minutes":10,"activity":"dance","interactive":true}"#, "activity"),
        (#"{"date":"2026-11-24","minutes":10,"activity":"call","interactive":true,"note":"a\u0000"}"#, "note"),
    ])
    func badEntriesNameTheField(_ body: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: clinician)
            let response = try await Self.post(client, "/api/v1/patients/\(id)/time", clinician, body)
            #expect(try Body.error(response).field == field)
            let listed = try Body.array(
                try await client.execute(uri: "/api/v1/patients/\(id)/time", method: .get, headers: clinician))
            #expect(listed.isEmpty)
        }
    }

    @Test func theMonthSuggestsCodesFromDaysWithDataAndMinutes() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            // Added today (the test clock's 2026-11-25) with check-ins from the 20th: set up on the first day with data.
            for day in 20...25 {
                let checkIn = #"{"date":"2026-11-\#(day)","painAtRest":1,"swelling":"none"}"#
                #expect(try await Self.post(client, "/api/v1/me/checkins", patient, checkIn).status == .created)
            }
            for (minutes, interactive) in [(15, "false"), (12, "true")] {
                let entry =
                    #"{"date":"2026-11-24","minutes":\#(minutes),"activity":"call","interactive":\#(interactive)}"#
                #expect(try await Self.post(client, "/api/v1/patients/\(id)/time", clinician, entry).status == .created)
            }
            let other = try await client.signIn("ben@clinic.test")
            #expect(
                try await Self.post(
                    client, "/api/v1/patients/\(id)/time", other,
                    #"{"date":"2026-11-24","minutes":5,"activity":"call","interactive":false}"#
                ).status == .notFound)
            let rows = try Body.array(
                try await client.execute(uri: "/api/v1/rtm?month=2026-11", method: .get, headers: clinician))
            let row = try #require(rows.first { $0["patientId"] as? String == id })
            let period = try #require(row["supplyPeriod"] as? [String: Any])
            #expect(period["daysWithData"] as? Int == 6 && period["start"] as? String == "2026-11-20")
            #expect(period["code"] as? String == "98985")
            #expect(row["minutes"] as? Int == 27 && row["interactive"] as? Bool == true)
            #expect(row["managementCodes"] as? [String] == ["98980"])
            let empty = try Body.array(
                try await client.execute(uri: "/api/v1/rtm?month=2026-10", method: .get, headers: clinician))
            #expect(empty.isEmpty)
            #expect(
                try Body.array(try await client.execute(uri: "/api/v1/rtm", method: .get, headers: other))
                    .allSatisfy { $0["patientId"] as? String != id })
            let bad = try await client.execute(uri: "/api/v1/rtm?month=11-2026", method: .get, headers: clinician)
            #expect(try Body.error(bad).field == "month")
        }
    }

    @Test func theClinicianLogsTimeOnThePageAndSeesTheMonth() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let (id, _) = try await client.addPatient(clinician: api)
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let page = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let logged = try await clinician.post(
                "/clinic/patients/\(id)/time",
                [
                    ("csrf", csrf), ("date", "2026-11-25"), ("minutes", "20"), ("activity", "video-visit"),
                    ("interactive", "yes"),
                ])
            #expect(logged.status == .seeOther)
            #expect(
                Body.text(try await clinician.get("/clinic/patients/\(id)")).contains("20 minutes logged in 2026-11"))
            let month = Body.text(try await clinician.get("/clinic/rtm?month=2026-11"))
            #expect(month.contains("Rosa Díaz") && month.contains("98980"))
        }
    }
}
