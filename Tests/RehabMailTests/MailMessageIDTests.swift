import RehabMail
import Testing

struct MailMessageIDTests {
    @Test func anIdIsWrittenInAngleBrackets() throws {
        #expect(
            try MailMessageID(id: "delivery-42.7", domain: "clinic.example").description == "<delivery-42.7@clinic.example>"
        )
    }

    @Test(arguments: [
        ("", "clinic.example"), ("a b", "clinic.example"), ("a\r\n", "clinic.example"), ("a>", "clinic.example"),
        ("a@b", "clinic.example"), ("ok", ""), ("ok", "bad domain"), ("ok", "a..b"), (".ok", "x.org"),
    ])
    func badPartsAreRefused(id: String, domain: String) {
        #expect(throws: MailError(.invalidHeader, field: "message-id", isPermanent: true)) {
            try MailMessageID(id: id, domain: domain)
        }
    }
}
