import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// The thread between a patient and their clinician: both sides over HTTP and on the pages, unread counts, the
/// length limit, another clinician's 404, the program's note after a painful session, and reminders by mail.
struct MessageTests {
    static func post(_ client: any TestClientProtocol, _ path: String, _ headers: HTTPFields, _ body: String)
        async throws -> TestResponse
    {
        try await client.execute(uri: path, method: .post, headers: headers, body: Body.json(body))
    }

    static func thread(_ client: any TestClientProtocol, _ path: String, _ headers: HTTPFields) async throws
        -> [[String: Any]]
    {
        let document = try Body.object(try await client.execute(uri: path, method: .get, headers: headers))
        return document["messages"] as? [[String: Any]] ?? []
    }

    static func unread(_ client: any TestClientProtocol, _ id: String, _ clinician: HTTPFields) async throws -> Int? {
        let rows = try Body.array(try await client.execute(uri: "/api/v1/patients", method: .get, headers: clinician))
        return rows.first { $0["id"] as? String == id }?["unreadMessages"] as? Int
    }

    @Test func bothSidesWriteAndReadOverTheAPI() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            var keyed = patient
            keyed[try #require(.init("Idempotency-Key"))] = "msg-1"
            let question = #"{"text":"Is clicking normal?\nIt does not hurt."}"#
            let first = try await Self.post(client, "/api/v1/me/messages", keyed, question)
            #expect(first.status == .created)
            let retry = try await Self.post(client, "/api/v1/me/messages", keyed, question)
            #expect(retry.status == .created && Body.text(retry) == Body.text(first), "a retry replays")
            #expect(try await Self.unread(client, id, clinician) == 1)
            let seen = try await Self.thread(client, "/api/v1/patients/\(id)/messages", clinician)
            #expect(seen.map { $0["text"] as? String } == ["Is clicking normal?\nIt does not hurt."])
            #expect(seen.first?["author"] as? String == "patient")
            #expect(try await Self.unread(client, id, clinician) == 0, "reading clears the count")
            let reply = try await Self.post(
                client, "/api/v1/patients/\(id)/messages", clinician, #"{"text":"Yes, that is common."}"#)
            #expect(reply.status == .created)
            let mine = try await Self.thread(client, "/api/v1/me/messages", patient)
            #expect(mine.map { $0["author"] as? String } == ["patient", "clinician"])
            #expect(mine.first?["readAt"] != nil, "the patient sees the question was read")
        }
    }

    @Test func anotherClinicianGets404AndNothingIsStored() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let other = try await client.signIn("ben@clinic.test")
            let path = "/api/v1/patients/\(id)/messages"
            #expect(try await client.execute(uri: path, method: .get, headers: other).status == .notFound)
            #expect(try await Self.post(client, path, other, #"{"text":"hello"}"#).status == .notFound)
            #expect(try await Self.thread(client, "/api/v1/me/messages", patient).isEmpty)
            let missing = "/api/v1/patients/\(PatientID.generate())/messages"
            #expect(try await client.execute(uri: missing, method: .get, headers: clinician).status == .notFound)
            #expect(
                try await client.execute(uri: "/api/v1/me/messages", method: .get, headers: clinician).status
                    == .forbidden)
        }
    }

    @Test(arguments: [
        (#"{"text":""}"#, "text"), (#"{"text":"   "}"#, "text"), (#"{"text":"a\u0000b"}"#, "text"),
        (#"{"text":"\#(String(repeating: "x", count: 2001))"}"#, "text"), (#"{"words":"hi"}"#, "text"),
    ])
    func badTextNamesTheFieldAndStoresNothing(_ body: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (_, patient) = try await client.addPatient(clinician: clinician)
            let response = try await Self.post(client, "/api/v1/me/messages", patient, body)
            #expect(response.status.code / 100 == 4)
            #expect(try Body.error(response).field == field)
            #expect(try await Self.thread(client, "/api/v1/me/messages", patient).isEmpty)
        }
    }

    @Test func aPainfulSessionLeavesTheProgramsNote() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let calm =
                #"{"date":"2026-11-24","painAfter":2,"exercises":[{"id":"quad-set","sets":3,"reps":10,"painDuring":2}]}"#
            #expect(try await Self.post(client, "/api/v1/me/sessions", patient, calm).status == .created)
            #expect(try await Self.thread(client, "/api/v1/patients/\(id)/messages", clinician).isEmpty)
            let painful =
                #"{"date":"2026-11-25","painAfter":5,"stoppedForPain":true,"exercises":[{"id":"quad-set","sets":3,"reps":10,"painDuring":8}]}"#
            #expect(try await Self.post(client, "/api/v1/me/sessions", patient, painful).status == .created)
            #expect(try await Self.unread(client, id, clinician) == 1)
            let notes = try await Self.thread(client, "/api/v1/patients/\(id)/messages", clinician)
            #expect(notes.count == 1 && notes.first?["author"] as? String == "program")
            let text = notes.first?["text"] as? String ?? ""
            let name = Catalog.bundled.exercises["quad-set"]?.name ?? "?"
            #expect(text.contains("\(name) hurt 8/10") && text.contains("stopped it early because of pain"))
        }
    }

    @Test func thePagesCarryTheThreadTheCountAndTheEmergencyNumber() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let api = try await client.signIn("ana@clinic.test")
            let email = "msg-\(UUID().uuidString.prefix(6))@home.test"
            let (id, _) = try await client.addPatient(clinician: api, email: email)
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let page = Body.text(try await patient.get("/messages"))
            #expect(
                page.contains("Messages are not for emergencies") && page.contains("call <a href=\"tel:911\">911</a>"))
            let csrf = try #require(PageClient.value(of: "csrf", in: page))
            let tooLong = try await patient.post(
                "/messages", [("csrf", csrf), ("text", String(repeating: "y", count: 2001))])
            #expect(tooLong.status == .unprocessableContent)
            #expect(Body.text(tooLong).contains("over 2000 characters"))
            let sent = try await patient.post("/messages", [("csrf", csrf), ("text", "My knee feels warm <today>")])
            #expect(sent.status == .seeOther)
            var clinician = PageClient(client)
            _ = try await clinician.signIn("ana@clinic.test")
            let list = Body.text(try await clinician.get("/clinic"))
            #expect(list.contains("1 new message"))
            let patientPage = Body.text(try await clinician.get("/clinic/patients/\(id)"))
            #expect(patientPage.contains("My knee feels warm &lt;today&gt;"), "the text is escaped")
            let token = try #require(PageClient.value(of: "csrf", in: patientPage))
            let answered = try await clinician.post(
                "/clinic/patients/\(id)/messages", [("csrf", token), ("text", "Please call us today.")])
            #expect(answered.status == .seeOther)
            #expect(Body.text(try await patient.get("/today")).contains("Messages <span class=\"badge\">1 new</span>"))
            let read = Body.text(try await patient.get("/messages"))
            #expect(read.contains("Please call us today.") && !read.contains("1 new</span>"))
            #expect(!Body.text(try await patient.get("/today")).contains("1 new</span>"), "read once opened")
        }
    }

    @Test func remindersAreChosenAndStoppedByTheSignedLink() async throws {
        var configured = try await WebHarness.make()
        configured.configuration.mailConfigured = true
        let harness = configured
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let on = try await Self.post(client, "/api/v1/me/reminders", patient, #"{"byMail":true}"#)
            #expect(on.status == .ok)
            let read = try await client.execute(uri: "/api/v1/me/reminders", method: .get, headers: patient)
            #expect(try Body.object(read)["byMail"] as? Bool == true)
            let bad = try await Self.post(client, "/api/v1/me/reminders", patient, #"{"byMail":"yes"}"#)
            #expect(try Body.error(bad).field == "byMail")
            let patientID = try #require(PatientID(uuidString: id))
            let path = try await ReminderLinks(store: harness.services.store).stopPath(for: patientID)
            let confirm = try await client.execute(uri: path, method: .get)
            #expect(confirm.status == .ok && Body.text(confirm).contains("Stop my reminders"))
            let actor = AuditActor(.system, origin: "test", at: WebHarness.clock)
            #expect(try await harness.services.store.mailReminders(of: patientID, by: actor), "opening changes nothing")
            let stopped = try await client.execute(
                uri: path, method: .post, body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(stopped.status == .ok && Body.text(stopped).contains("Reminders stopped"))
            #expect(try await harness.services.store.mailReminders(of: patientID, by: actor) == false)
            let forged = path.dropLast(3) + "AAA"
            #expect(try await client.execute(uri: String(forged), method: .post).status == .notFound)
            let otherPatient = "/reminders/stop/\(PatientID.generate())." + path.split(separator: ".").last!
            #expect(try await client.execute(uri: otherPatient, method: .get).status == .notFound)
        }
    }
}
