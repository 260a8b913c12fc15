import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// The patient's calendar: the feed with their times and time zone, a private link that works without signing in
/// until a new one replaces it, and settings checked field by field.
struct CalendarFeedTests {
    static func post(_ client: any TestClientProtocol, _ path: String, _ headers: HTTPFields, _ body: String)
        async throws -> TestResponse
    {
        try await client.execute(uri: path, method: .post, headers: headers, body: Body.json(body))
    }

    @Test func theFeedFollowsTheChosenTimesAndZoneAndAPrivateLinkCanBeReplaced() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (_, patient) = try await client.addPatient(clinician: clinician)
            let settings = #"{"slots":[{"hour":19,"minute":30},{"hour":8,"minute":15}],"timeZone":"Europe/Madrid"}"#
            #expect(try await Self.post(client, "/api/v1/me/calendar/settings", patient, settings).status == .ok)
            let feed = try await client.execute(uri: "/api/v1/me/calendar.ics", method: .get, headers: patient)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = Body.text(feed)
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(text.contains("DTSTART;TZID=Europe/Madrid:") && text.contains("BEGIN:VTIMEZONE"))
            #expect(text.contains("T081500") && text.contains("T193000") && text.contains("BEGIN:VALARM"))
            #expect(!text.contains("Rosa") && !text.contains("knee replacement"))
            let first = try Body.object(try await Self.post(client, "/api/v1/me/calendar/link", patient, "{}"))
            let url = try #require(first["url"] as? String)
            let path = try #require(URL(string: url)?.path)
            #expect(path.hasPrefix("/calendar/") && path.hasSuffix(".ics"))
            let subscribed = try await client.execute(uri: path, method: .get)
            #expect(subscribed.status == .ok && Body.text(subscribed).contains("T193000"))
            let second = try Body.object(try await Self.post(client, "/api/v1/me/calendar/link", patient, "{}"))
            let newURL = try #require(second["url"] as? String)
            let newPath = try #require(URL(string: newURL)?.path)
            #expect(try await client.execute(uri: path, method: .get).status == .notFound)
            #expect(try await client.execute(uri: newPath, method: .get).status == .ok)
            #expect(try await client.execute(uri: "/calendar/guess.ics", method: .get).status == .notFound)
        }
    }

    @Test(arguments: [
        (#"{"slots":[{"hour":25,"minute":0}],"timeZone":"Europe/Madrid"}"#, "slots[0].hour"),
        (#"{"slots":[{"hour":9,"minute":0}],"timeZone":"Mars/Olympus"}"#, "timeZone"),
        (#"{"slots":[],"timeZone":"Europe/Madrid"}"#, "slots"),
        (#"{"slots":[{"hour":9,"minute":0},{"hour":9,"minute":0}],"timeZone":"UTC"}"#, "slots[1]"),
    ])
    func badSettingsNameTheField(_ body: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (_, patient) = try await client.addPatient(clinician: clinician)
            let response = try await Self.post(client, "/api/v1/me/calendar/settings", patient, body)
            #expect(try Body.error(response).field == field)
        }
    }

    @Test func theSettingsPageSavesTimesAndMakesALink() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let email = "cal-\(UUID().uuidString.prefix(6))@home.test"
            _ = try await client.addPatient(clinician: api, email: email)
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let page = Body.text(try await patient.get("/settings"))
            #expect(page.contains("subscribe") || page.contains("subscription"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let saved = try await patient.post(
                "/settings",
                [
                    ("csrf", csrf), ("action", "times"), ("time1", "07:45"), ("time2", ""),
                    ("timeZone", "America/New_York"),
                ])
            #expect(saved.status == .seeOther)
            let after = Body.text(try await patient.get("/settings?saved=1"))
            #expect(after.contains("value=\"07:45\"") && after.contains("value=\"America/New_York\" selected"))
            let bad = try await patient.post(
                "/settings", [("csrf", csrf), ("action", "times"), ("time1", "7.45"), ("timeZone", "UTC")])
            #expect(bad.status == .unprocessableContent)
            let linked = Body.text(try await patient.post("/settings", [("csrf", csrf), ("action", "link")]))
            #expect(linked.contains("/calendar/") && linked.contains(".ics"))
        }
    }
}
