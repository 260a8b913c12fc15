import Testing

@testable import RehabMail

struct SMTPCapabilitiesTests {
    @Test func startTLSAndAuthMechanismsAreRead() {
        let reply = SMTPReply(
            code: 250, lines: ["sink.test Hello", "SIZE 33554432", "8BITMIME", "starttls", "AUTH LOGIN plain", "HELP"])
        let capabilities = SMTPCapabilities(ehlo: reply)
        #expect(capabilities.startTLS)
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN"])
    }

    @Test func theOldAuthEqualsSpellingCounts() {
        let capabilities = SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["hi", "AUTH=LOGIN"]))
        #expect(capabilities.authMechanisms == ["LOGIN"])
        #expect(!capabilities.startTLS)
    }

    @Test func theGreetingLineIsNotAKeyword() {
        #expect(!SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["STARTTLS"])).startTLS)
        #expect(SMTPCapabilities() == SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["x"])))
    }
}
