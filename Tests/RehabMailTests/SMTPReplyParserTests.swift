import Testing

@testable import RehabMail

struct SMTPReplyParserTests {
    @Test func aMultiLineReplyIsOneReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.parse(line: "250-sink.test") == nil)
        #expect(parser.isInsideReply)
        #expect(try parser.parse(line: "250-STARTTLS") == nil)
        let reply = try parser.parse(line: "250 AUTH LOGIN PLAIN")
        #expect(reply == SMTPReply(code: 250, lines: ["sink.test", "STARTTLS", "AUTH LOGIN PLAIN"]))
        #expect(!parser.isInsideReply)
        // The next reply starts afresh.
        #expect(try parser.parse(line: "221 Bye") == SMTPReply(code: 221, lines: ["Bye"]))
    }

    @Test func aBareCodeEndsAReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.parse(line: "354") == SMTPReply(code: 354, lines: [""]))
    }

    @Test(arguments: ["", "25", "abc hello", "250_x", "199 too low", "600 too high", "2x0 nope", "250\tx"])
    func malformedLinesAreAProtocolViolation(line: String) {
        var parser = SMTPReplyParser()
        #expect(throws: MailError.self) { try parser.parse(line: line) }
        #expect((try? parser.parse(line: line)) == nil)
        do {
            _ = try parser.parse(line: line)
        } catch {
            #expect(error.code == .protocolViolation)
            #expect(!error.isPermanent)
        }
    }

    @Test func aCodeThatChangesMidReplyIsRefused() throws {
        var parser = SMTPReplyParser()
        _ = try parser.parse(line: "250-first")
        #expect(throws: MailError.self) { try parser.parse(line: "550 second") }
    }

    @Test func anEndlessReplyIsCutOff() throws {
        var parser = SMTPReplyParser()
        for _ in 1..<SMTPReplyParser.maximumLines { #expect(try parser.parse(line: "250-more") == nil) }
        #expect(throws: MailError.self) { try parser.parse(line: "250-one too many") }
    }
}
