import RehabMail
import Testing

struct SMTPConfigurationTests {
    @Test func aPlainURL() throws {
        let configuration = try SMTPConfiguration(url: "smtp://mail.clinic.example:2525")
        #expect(configuration.host == "mail.clinic.example")
        #expect(configuration.port == 2525)
        #expect(configuration.security == .plain)
        #expect(configuration.credentials == nil)
        #expect(configuration.trustRoots == .system)
        #expect(configuration.clientName == "localhost")
    }

    @Test func defaultPortsFollowTheScheme() throws {
        #expect(try SMTPConfiguration(url: "smtp://relay").port == 25)
        #expect(try SMTPConfiguration(url: "smtps://relay").port == 465)
        #expect(try SMTPConfiguration(url: "smtps://relay").security == .implicitTLS)
        #expect(try SMTPConfiguration(url: "SMTP://relay/").port == 25)
    }

    @Test func startTLSWithPercentEncodedCredentialsAndOptions() throws {
        let configuration = try SMTPConfiguration(
            url: "smtp://clinic%40example.org:p%40ss%3Aw%2Frd@mail.example:587?starttls=required"
                + "&cafile=/etc/ssl/clinic.pem&ehlo=app.clinic.example")
        #expect(configuration.security == .startTLS)
        #expect(configuration.credentials == .init(user: "clinic@example.org", password: "p@ss:w/rd"))
        #expect(configuration.trustRoots == .pemFile("/etc/ssl/clinic.pem"))
        #expect(configuration.clientName == "app.clinic.example")
        #expect(configuration.port == 587)
    }

    @Test func anIPv6Literal() throws {
        let configuration = try SMTPConfiguration(url: "smtp://[::1]:2525")
        #expect(configuration.host == "::1")
        #expect(configuration.description == "smtp://[::1]:2525")
    }

    @Test func theDescriptionHidesThePassword() throws {
        let configuration = try SMTPConfiguration(url: "smtps://user:secret@mail.example")
        #expect(configuration.description == "smtps://user:***@mail.example:465")
        #expect(!String(describing: configuration.credentials).contains("secret"))
    }

    @Test(arguments: [
        ("http://mail.example", "scheme"), ("mail.example:25", "scheme"), ("smtp://", "host"),
        ("smtp://mail.example:0", "port"), ("smtp://mail.example:70000", "port"), ("smtp://mail.example:abc", "port"),
        ("smtp://mail.example/inbox", "path"), ("smtp://mail.example#x", "fragment"),
        ("smtp://mail.example?starttls=yes", "starttls"), ("smtps://mail.example?starttls=required", "starttls"),
        ("smtp://mail.example?tls=on", "tls"), ("smtp://u:p@mail.example", "starttls"),
        ("smtp://u@mail.example?starttls=required", "password"), ("smtp://mail.example?cafile=/x.pem", "cafile"),
        ("smtp://mail.example?starttls=required&cafile=", "cafile"), ("smtp://mail.example?ehlo=bad%20name", "ehlo"),
        ("not a url at all", "scheme"), ("smtp://mail.example:99999", "port"),
    ])
    func aBadURLNamesThePartThatIsWrong(url: String, field: String) {
        #expect(throws: MailError(.invalidConfiguration, field: field, isPermanent: true)) {
            try SMTPConfiguration(url: url)
        }
    }
}
