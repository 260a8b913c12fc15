import RehabMail
import Testing

struct MailAddressTests {
    @Test(arguments: [
        "therapist@clinic.example", "a.b+tag@sub.clinic.example", "o'brien@x.org", "x@localhost", "1@2.3",
    ])
    func plainAddressesAreAccepted(address: String) throws {
        #expect(try MailAddress(address).address == address)
    }

    @Test(arguments: [
        "", "no-at-sign", "@clinic.example", "therapist@", "a@b@c", "a b@c.org", "a@c.org\r\nRCPT TO:<x@y>",
        "a@c.org>", "<a@c.org", ".a@c.org", "a..b@c.org", "a@c..org", "a@.c.org", "josé@clinic.example",
        "a@clínica.example", "a@c_d.org", "a@.", "a@c.org ",
    ])
    func otherAddressesAreRefusedNamingTheField(address: String) {
        #expect(throws: MailError(.invalidAddress, field: "to", isPermanent: true)) {
            try MailAddress(address, field: "to")
        }
    }

    @Test func anOverlongAddressIsRefused() {
        let address = String(repeating: "a", count: 60) + "@" + String(repeating: "b.", count: 100) + "org"
        #expect(throws: MailError.self) { try MailAddress(address) }
    }

    @Test(arguments: ["Evil\r\nBcc: x@y.org", "Tab\there", "Nul\u{0}", "Line\u{2028}separator", "Del\u{7F}"])
    func displayNamesWithControlCharactersAreRefused(name: String) {
        #expect(throws: MailError(.invalidHeader, field: "from", isPermanent: true)) {
            try MailAddress("a@b.org", displayName: name, field: "from")
        }
    }

    @Test func theDomainIsAfterTheAt() throws {
        #expect(try MailAddress("x@clinic.example", displayName: "").domain == "clinic.example")
        #expect(try MailAddress("x@clinic.example", displayName: "").displayName == nil)
    }
}
