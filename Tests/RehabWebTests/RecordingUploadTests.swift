import Foundation
import Hummingbird
import HummingbirdTesting
import RehabCore
import Testing

@testable import RehabWeb

/// Keypoint recordings uploaded by a patient: analysed, the measures stored in the record, bad files refused.
struct RecordingUploadTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/fixtures/motion/synthetic-wall-squat-coco17.json")

    @Test func anUploadedWallSquatIsMeasuredAndItsKneeBendStored() async throws {
        let harness = try await WebHarness.make()
        let data = try Data(contentsOf: Self.fixture)
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let response = try await client.execute(
                uri: "/api/v1/me/recordings/wall-squat", method: .post, headers: patient, body: ByteBuffer(data: data))
            #expect(response.status == .created)
            let document = try Body.object(response)
            let result = try #require(document["result"] as? [String: Any])
            #expect(result["exercise"] as? String == "wall-squat")
            #expect((result["reps"] as? Int ?? 0) > 0)
            let stored = try #require(document["stored"] as? [[String: Any]])
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["measurements"] as? [Any])?.count == stored.count)
        }
    }

    @Test func badRecordingsAreRefusedNamingTheProblemAndStoreNothing() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let (id, patient) = try await client.addPatient(clinician: clinician)
            let truncated = try await client.execute(
                uri: "/api/v1/me/recordings/heel-slide", method: .post, headers: patient,
                body: ByteBuffer(string: #"{"layout":"coco17","frames":["#))
            #expect(truncated.status == .unprocessableContent)
            #expect(try Body.error(truncated).field != nil)
            let unknown = try await client.execute(
                uri: "/api/v1/me/recordings/moonwalk", method: .post, headers: patient, body: ByteBuffer(string: "{}"))
            #expect(unknown.status == .unprocessableContent)
            #expect(try Body.error(unknown).field == "exercise")
            let record = try Body.object(
                try await client.execute(uri: "/api/v1/patients/\(id)/record", method: .get, headers: clinician))
            #expect((record["measurements"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func thePatientUploadsFromTheExerciseCardWithoutJavaScript() async throws {
        let harness = try await WebHarness.make()
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        try await harness.test { client in
            let email = "up-\(UUID().uuidString.prefix(6))@home.test"
            _ = try await client.addPatient(
                clinician: try await client.signIn("ana@clinic.test"), kind: "acl-reconstruction",
                surgeryDate: "2026-10-01", email: email)
            var patient = PageClient(client)
            _ = try await patient.signIn(email)
            let today = Body.text(try await patient.get("/today"))
            #expect(today.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(PageClient.value(of: "csrf", in: today))
            let boundary = "kr-boundary-\(UUID().uuidString)"
            func body(_ token: String) -> ByteBuffer {
                ByteBuffer(
                    string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n"
                        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"squat.json\"\r\n"
                        + "Content-Type: application/json\r\n\r\n\(text)\r\n--\(boundary)--\r\n")
            }
            var headers = patient.cookieHeader
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let forged = try await client.execute(
                uri: "/recordings/wall-squat", method: .post, headers: headers, body: body("wrong"))
            #expect(forged.status == .forbidden)
            let measured = try await client.execute(
                uri: "/recordings/wall-squat", method: .post, headers: headers, body: body(csrf))
            #expect(measured.status == .ok)
            #expect(Body.text(measured).contains("What the recording shows"))
        }
    }
}
