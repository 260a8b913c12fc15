import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RehabWeb

struct AuthControllerTests {
    @Test func signInGivesATokenAndTheRole() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await client.execute(
                uri: "/api/v1/auth/login", method: .post,
                body: Body.json(#"{"email":"ANA@clinic.test","password":"\#(WebHarness.password)"}"#))
            #expect(response.status == .ok)
            let document = try Body.object(response)
            #expect(document["role"] as? String == "clinician")
            #expect((document["token"] as? String)?.count ?? 0 >= 40)
        }
    }

    @Test(arguments: [
        #"{"email":"ana@clinic.test","password":"wrong password"}"#,
        #"{"email":"nobody@clinic.test","password":"correct horse battery"}"#,
    ])
    func wrongCredentialsAre401WithoutSayingWhich(_ body: String) async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let response = try await client.execute(uri: "/api/v1/auth/login", method: .post, body: Body.json(body))
            #expect(response.status == .unauthorized)
            #expect(try Body.error(response).code == "bad-credentials")
        }
    }

    @Test func repeatedFailuresAreThrottled() async throws {
        let harness = try await WebHarness.make(throttleLimit: 3)
        try await harness.test { client in
            let wrong = Body.json(#"{"email":"ana@clinic.test","password":"not it at all"}"#)
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/api/v1/auth/login", method: .post, body: wrong)
                #expect(response.status == .unauthorized)
            }
            let right = Body.json(#"{"email":"ana@clinic.test","password":"\#(WebHarness.password)"}"#)
            let blocked = try await client.execute(uri: "/api/v1/auth/login", method: .post, body: right)
            #expect(blocked.status == .tooManyRequests)
        }
    }

    /// Wrong passwords and wrong invite codes count apart: a patient claiming an invite from the same address
    /// (a clinic's waiting room) is not stopped by someone else's mistyped passwords; wrong codes stop claims.
    @Test func failedSignInsDoNotStopAClaimButFailedClaimsDo() async throws {
        let harness = try await WebHarness.make(throttleLimit: 3)
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            func invite(_ email: String) async throws -> String {
                let created = try await client.execute(
                    uri: "/api/v1/patients", method: .post, headers: clinician,
                    body: Body.json(
                        #"{"name":"Ola","email":"\#(email)","surgery":{"kind":"acl-reconstruction","side":"right","date":"2026-11-10"}}"#
                    ))
                return try #require(try Body.object(created)["inviteCode"] as? String)
            }
            func claim(_ code: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/auth/claim", method: .post,
                    body: Body.json(#"{"inviteCode":"\#(code)","password":"a long enough one"}"#))
            }
            let (first, second) = (try await invite("ola@home.test"), try await invite("eva@home.test"))
            let wrongPassword = Body.json(#"{"email":"ben@clinic.test","password":"not it at all"}"#)
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/api/v1/auth/login", method: .post, body: wrongPassword)
                #expect(response.status == .unauthorized)
            }
            #expect(try await claim(first).status == .ok)
            for _ in 0..<3 { #expect(try await claim("ZZZZZ-ZZZZZ").status == .notFound) }
            let blocked = try await claim(second)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
        }
    }

    @Test func anInviteWorksOnceAndNeedsAGoodPassword() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let clinician = try await client.signIn("ana@clinic.test")
            let created = try await client.execute(
                uri: "/api/v1/patients", method: .post, headers: clinician,
                body: Body.json(
                    #"{"name":"Ola","email":"ola@home.test","surgery":{"kind":"acl-reconstruction","side":"right","date":"2026-11-10"}}"#
                ))
            let code = try #require(try Body.object(created)["inviteCode"] as? String)
            let short = try await client.execute(
                uri: "/api/v1/auth/claim", method: .post,
                body: Body.json(#"{"inviteCode":"\#(code)","password":"short"}"#))
            #expect(short.status == .unprocessableContent)
            #expect(try Body.error(short).field == "password")
            let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
            let claimed = try await client.execute(
                uri: "/api/v1/auth/claim", method: .post,
                body: Body.json(#"{"inviteCode":"\#(typed)","password":"a long enough one"}"#))
            #expect(claimed.status == .ok)
            #expect(try Body.object(claimed)["role"] as? String == "patient")
            let again = try await client.execute(
                uri: "/api/v1/auth/claim", method: .post,
                body: Body.json(#"{"inviteCode":"\#(code)","password":"another long one"}"#))
            #expect(again.status == .notFound)
            #expect(try Body.error(again).field == "inviteCode")
        }
    }

    @Test func signingOutEndsTheToken() async throws {
        let harness = try await WebHarness.make()
        try await harness.test { client in
            let headers = try await client.signIn("ana@clinic.test")
            #expect(try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers).status == .ok)
            let out = try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: headers)
            #expect(out.status == .noContent)
            let after = try await client.execute(uri: "/api/v1/patients", method: .get, headers: headers)
            #expect(after.status == .unauthorized)
        }
    }
}
