import Testing

@testable import RehabMail

struct SMTPDataEncodingTests {
    @Test(arguments: [
        ("a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n"), (".first\r\n", "..first\r\n.\r\n"),
        ("x\r\n..two\r\n", "x\r\n...two\r\n.\r\n"), ("no end", "no end\r\n.\r\n"), ("mid.dot\r\n", "mid.dot\r\n.\r\n"),
    ])
    func linesStartingWithADotGetAnotherAndTheEndIsMarked(input: String, output: String) {
        #expect(String(decoding: SMTPDataEncoding.encode(Array(input.utf8)), as: UTF8.self) == output)
    }
}
