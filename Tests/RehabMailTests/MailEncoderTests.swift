import Foundation
import RehabMail
import Testing

struct MailEncoderTests {
    @Test func aNoticeIsEncodedExactly() throws {
        let text = try MailFixtures.encoded(MailFixtures.message())
        #expect(
            text == """
                Date: Wed, 02 Dec 2026 08:05:09 +0000\r
                From: Riverside Knee Clinic <notices@clinic.example>\r
                To: <therapist@clinic.example>\r
                Subject: You have a new urgent alert in KneeRehab\r
                Message-ID: <delivery-42@clinic.example>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                Auto-Submitted: auto-generated\r
                \r
                Please sign in to KneeRehab to see it.\r
                \r
                https://clinic.example/login\r

                """)
    }

    @Test func aReminderCarriesTheOneClickUnsubscribeHeaders() throws {
        let url = "https://clinic.example/unsubscribe/" + String(repeating: "k", count: 120)
        let text = try MailFixtures.encoded(MailFixtures.message(listUnsubscribe: ListUnsubscribe(url: url)))
        #expect(text.contains("List-Unsubscribe:\r\n <\(url)>\r\n"))
        #expect(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(!(try MailFixtures.encoded(MailFixtures.message())).contains("List-Unsubscribe"))
    }

    @Test(arguments: [
        "Tienes una alerta urgente nueva en KneeRehab", "Recordatorio: tus ejercicios de hoy — ¡ánimo!",
        String(repeating: "Ejercicio de rodilla número ", count: 8), "ok",
    ])
    func everyLineIsSevenBitCRLFAndAtMost78(subject: String) throws {
        let message = try MailFixtures.message(
            subject: subject, body: "Año nuevo, rodilla nueva.\n" + String(repeating: "ñandú ", count: 40),
            to: [
                MailAddress("a@clinic.example", displayName: "Ana María Pérez"),
                MailAddress("b@clinic.example", displayName: "Dr. Ruiz, PT"), MailAddress("c@clinic.example"),
            ], fromName: "Clínica de la Rodilla")
        let bytes = try MailEncoder.encode(message)
        #expect(bytes.allSatisfy { $0 < 128 })
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
    }

    @Test(arguments: ["Alert\r\nBcc: everyone@example.org", "Alert\n", "Tab\tbed", "Nul\u{0}"])
    func aSubjectWithControlCharactersIsRefused(subject: String) {
        #expect(throws: MailError(.invalidHeader, field: "subject", isPermanent: true)) {
            try MailEncoder.encode(MailFixtures.message(subject: subject))
        }
    }

    @Test func aMessageWithoutRecipientsIsRefused() {
        #expect(throws: MailError(.invalidAddress, field: "to", isPermanent: true)) {
            try MailEncoder.encode(MailFixtures.message(to: []))
        }
    }

    @Test func severalRecipientsAreCommaSeparated() throws {
        let text = try MailFixtures.encoded(
            MailFixtures.message(to: [MailAddress("a@x.org"), MailAddress("b@x.org", displayName: "Bea")]))
        #expect(text.contains("To: <a@x.org>, Bea <b@x.org>\r\n"))
    }
}
