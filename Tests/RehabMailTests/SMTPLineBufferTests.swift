import Testing

@testable import RehabMail

struct SMTPLineBufferTests {
    @Test func linesAreCutAtCRLFOrLFAcrossChunks() throws {
        var buffer = SMTPLineBuffer()
        #expect(try buffer.append(Array("220 ready\r\n250-a".utf8)) == ["220 ready"])
        #expect(buffer.hasPartialLine)
        #expect(try buffer.append(Array("bc\r".utf8)) == [])
        #expect(try buffer.append(Array("\n250 d\n".utf8)) == ["250-abc", "250 d"])
        #expect(!buffer.hasPartialLine)
    }

    @Test func anOverlongLineIsRefused() throws {
        var buffer = SMTPLineBuffer()
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: SMTPLineBuffer.maximumLineLength)
        #expect(try buffer.append(long) == [])
        #expect(throws: MailError.self) { try buffer.append([UInt8(ascii: "y")]) }
    }
}
