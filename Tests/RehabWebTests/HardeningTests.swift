import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// What an outside probe of the server found, each fixed: retries that stored twice, text cut at a NUL, errors
/// that could never succeed on retry, missing headers, bodies of the wrong kind.
struct HardeningTests {
    static let newPatient =
        #"{"name":"Ola Nordmann","email":"ola@home.test","surgery":{"kind":"acl-reconstruction","side":"right","date":"2026-11-10"}}"#

    static func keyed(_ headers: HTTPFields, _ key: String) -> HTTPFields {
        var headers = headers
        if let name = HTTPField.Name("Idempotency-Key") { headers[name] = key }
        return headers
    }

    @Test func tenConcurrentCreatesWithOneKeyAddOnePatientAndAllGetItsAnswer() async throws {
        let harness = try await WebHarness.make()
        try await harness.live { client in
            let clinician = Self.keyed(try await client.signIn("ana@clinic.test"), "create-ola")
            let responses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let response = try await client.execute(
                            uri: "/api/v1/patients", method: .post, headers: clinician, body: Body.json(Self.newPatient)
                        )
                        return (response.status, Body.text(response))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.allSatisfy { $0.0 == .created }, "every caller gets the first answer")
            #expect(Set(responses.map(\.1)).count == 1, "byte for byte the same answer")
            let list = try Body.array(
                try await client.execute(uri: "/api/v1/patients", method: .get, headers: clinician))
            #expect(list.count == 1)
        }
    }

    @Test func aKeyReusedWithAnotherBodyAndAnEmailInUseSayWhatToChange() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let first = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: Self.keyed(clinician, "k1"),
                body: Body.json(Self.newPatient))
            #expect(first.status == .created)
            let reused = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: Self.keyed(clinician, "k1"),
                body: Body.json(Self.newPatient.replacingOccurrences(of: "Ola Nordmann", with: "Kari")))
            #expect(reused.status == .unprocessableContent)
            #expect(try Body.error(reused) == ("idempotency-key-reused", "Idempotency-Key"))
            let taken = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: clinician, body: Body.json(Self.newPatient))
            #expect(taken.status == .conflict)
            #expect(try Body.error(taken) == ("email-in-use", "email"))
        }
    }

    @Test func programChangesAndRecordingsReplayARetry() async throws {
        let harness = try await WebHarness.make()
        let recording = try Data(contentsOf: RecordingUploadTests.fixture)
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let change = #"{"note":"Easier for now.","prescriptions":[{"exercise":"quad-set","step":1}]}"#
            var answers: [String] = []
            for _ in 0..<2 {
                let response = try await client.execute(
                    uri: "/api/v1/patients/\(id)/program", method: .post, headers: Self.keyed(clinician, "p1"),
                    body: Body.json(change))
                #expect(response.status == .created)
                answers.append(Body.text(response))
            }
            #expect(answers[0] == answers[1])
            var stored: [Int] = []
            var replayed: [String?] = []
            for _ in 0..<2 {
                let response = try await client.execute(
                    uri: "/api/v1/me/recordings/heel-slide", method: .post, headers: Self.keyed(patient, "r1"),
                    body: ByteBuffer(data: recording))
                #expect(response.status == .created)
                stored.append((try Body.object(response)["stored"] as? [Any])?.count ?? -1)
                replayed.append(HTTPField.Name("Idempotent-Replayed").flatMap { response.headers[$0] })
            }
            #expect(replayed == [nil, "true"])
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["prescriptions"] as? [Any])?.count == 1, "one change stored")
            #expect(stored[0] > 0 && stored[0] == stored[1], "a heel slide's knee bend is stored")
            #expect((record["measurements"] as? [Any])?.count == stored[0], "one recording's measures stored")
        }
    }

    @Test(arguments: [
        (
            #"{"name":"Ola","email":"a\u0000b@x.org","surgery":{"kind":"acl-reconstruction","side":"right","date":"2026-11-10"}}"#,
            "email"
        ),
        (
            #"{"name":"O\u0000la","email":"ab@x.org","surgery":{"kind":"acl-reconstruction","side":"right","date":"2026-11-10"}}"#,
            "name"
        ),
        (
            #"{"name":"Ola\u001b[31m","email":"ab@x.org","surgery":{"kind":"acl-reconstruction","side":"right","date":"2026-11-10"}}"#,
            "name"
        ),
    ])
    func controlCharactersAreRefusedNamingTheField(_ body: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let response = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: clinician, body: Body.json(body))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).field == field)
            let list = try Body.array(
                try await client.execute(uri: "/api/v1/patients", method: .get, headers: clinician))
            #expect(list.isEmpty, "nothing stored")
        }
    }

    @Test(arguments: [("2.5", "exercises[0].sets"), ("1e20", "exercises[0].sets"), ("-1", "exercises[0].sets")])
    func aNumberThatIsNoCountNamesItsField(_ sets: String, _ field: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let (_, patient) = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test"))
            let response = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: patient,
                body: Body.json(
                    #"{"date":"2026-11-20","exercises":[{"id":"quad-set","sets":\#(sets),"reps":10,"painDuring":1}]}"#))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).field == field)
        }
    }

    @Test func aBodyThatIsNotJSONIsRefusedBeforeItIsRead() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            var headers = try await client.signIn("ana@clinic.test")
            headers[.contentType] = "text/plain"
            let response = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: headers, body: Body.json(Self.newPatient))
            #expect(response.status == .unsupportedMediaType)
            #expect(try Body.error(response).field == "Content-Type")
            #expect(
                RehabWeb.RequestBody.isJSON("application/json; charset=utf-8")
                    && RehabWeb.RequestBody.isJSON("application/fhir+json"))
            #expect(
                !RehabWeb.RequestBody.isJSON("text/json")
                    && !RehabWeb.RequestBody.isJSON("multipart/form-data; boundary=x"))
        }
    }

    @Test func anOversizedBodyIsAnsweredAndTheConnectionClosed() async throws {
        let harness = try await WebHarness.make()
        try await harness.live { client in
            let patient = try await client.addPatient(clinician: try await client.signIn("ana@clinic.test")).headers
            let response = try await client.execute(
                uri: "/api/v1/me/sessions", method: .post, headers: patient,
                body: ByteBuffer(string: "[" + String(repeating: "1,", count: 200_000) + "1]"))
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.connection] == "close")
        }
    }

    @Test func behindTLSBrowsersAreToldToStayOnHTTPS() async throws {
        var harness = try await WebHarness.make()
        let plain = try await harness.test { client in try await client.execute(uri: "/health", method: .get) }
        harness.configuration.secureCookies = true
        let secure = try await harness.test { client in try await client.execute(uri: "/health", method: .get) }
        let name = try #require(HTTPField.Name("Strict-Transport-Security"))
        #expect(plain.headers[name] == nil)
        #expect(secure.headers[name] == "max-age=31536000")
    }

    @Test func throttlingCountsAddressAndAccountTogetherAndSaysWhenToComeBack() async throws {
        let harness = try await WebHarness.make(throttleLimit: 2)
        try await harness.test { client in
            let wrong = Body.json(#"{"email":"ana@clinic.test","password":"not it at all"}"#)
            for _ in 0..<2 {
                let response = try await client.execute(uri: "/api/v1/auth/login", method: .post, body: wrong)
                #expect(response.status == .unauthorized)
            }
            let blocked = try await client.execute(uri: "/api/v1/auth/login", method: .post, body: wrong)
            #expect(blocked.status == .tooManyRequests)
            let wait = try #require(blocked.headers[.retryAfter].flatMap(Int.init))
            #expect(wait > 0 && wait <= 900)
            // Another account from the same address is not locked by the guesses at Ana's.
            _ = try await client.signIn("ben@clinic.test")
        }
    }
}
