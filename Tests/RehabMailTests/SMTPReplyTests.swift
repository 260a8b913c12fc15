import RehabMail
import Testing

struct SMTPReplyTests {
    @Test(arguments: [
        (250, true, false, false, false), (354, false, true, false, false), (421, false, false, true, false),
        (550, false, false, false, true),
    ])
    func classesFollowTheFirstDigit(code: Int, success: Bool, intermediate: Bool, transient: Bool, permanent: Bool) {
        let reply = SMTPReply(code: code, lines: ["text"])
        #expect(reply.isSuccess == success)
        #expect(reply.isIntermediate == intermediate)
        #expect(reply.isTransientFailure == transient)
        #expect(reply.isPermanentFailure == permanent)
    }

    @Test(
        arguments: [
            ("5.7.8 Authentication credentials invalid", "5.7.8"), ("2.0.0 Ok: queued as 4F2A", "2.0.0"),
            ("4.3.0 Try again later", "4.3.0"), ("Ok", nil), ("5.7 nearly", nil), ("3.0.0 not a class", nil),
            ("5.1234.0 too long", nil), ("", nil),
        ] as [(String, String?)])
    func enhancedStatusIsReadFromTheFirstLine(line: String, status: String?) {
        #expect(SMTPReply(code: 250, lines: [line, "2.9.9 second"]).enhancedStatus == status)
    }

    @Test func textJoinsTheLines() {
        #expect(SMTPReply(code: 250, lines: ["sink.test", "STARTTLS"]).text == "sink.test STARTTLS")
    }
}
