import RehabMail
import Testing

struct ListUnsubscribeTests {
    @Test func anHTTPSLinkIsAccepted() throws {
        let url = "https://clinic.example/unsubscribe?token=abc.DEF-123_~"
        #expect(try ListUnsubscribe(url: url).url == url)
    }

    @Test(arguments: [
        "http://clinic.example/u", "https://", "mailto:x@y.org", "https://clinic.example/u v",
        "https://clinic.example/u>\r\nBcc: x@y.org", "https://clinic.example/ü", "https://c.example/<x>",
    ])
    func otherLinksAreRefused(url: String) {
        #expect(throws: MailError(.invalidHeader, field: "list-unsubscribe", isPermanent: true)) {
            try ListUnsubscribe(url: url)
        }
    }
}
