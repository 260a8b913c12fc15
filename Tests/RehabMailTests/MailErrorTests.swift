import RehabMail
import Testing

struct MailErrorTests {
    @Test func theDescriptionNamesCodeFieldAndReplyCodeButNotTheServersText() {
        let reply = SMTPReply(code: 550, lines: ["5.1.1 <grace@example.org>: Recipient address rejected"])
        let error = MailError(.rejected, field: "RCPT TO", reply: reply, isPermanent: true)
        #expect(error.description == "mail rejected (RCPT TO): server replied 550 5.1.1, permanent")
        #expect(!error.description.contains("grace"))
        #expect(error.reply?.text.contains("grace") == true)
    }

    @Test func aTransientErrorSaysSo() {
        let error = MailError(.timeout, field: "greeting", isPermanent: false)
        #expect(error.description == "mail timeout (greeting), transient")
    }
}
