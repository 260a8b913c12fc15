import NIOCore
import Testing

@testable import RehabForms

/// The multipart reader against forms as browsers send them, cut into chunks anywhere, and against broken forms.
struct MultipartFormReaderTests {
    static let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    /// A form with a token field and a file part, as a browser sends it (with a preamble and an epilogue).
    static func form(file: [UInt8], fileHeaderName: String = "Content-Disposition") -> [UInt8] {
        let head = """
            ignored preamble\r
            --\(boundary)\r
            Content-Disposition: form-data; name="csrf"\r
            \r
            token-123\r
            --\(boundary)\r
            \(fileHeaderName): form-data; name="video"; filename="knee.mp4"\r
            Content-Type: video/mp4\r
            \r

            """
        return Array(head.utf8) + file + Array("\r\n--\(boundary)--\r\nignored epilogue".utf8)
    }

    /// A file whose bytes look like the start of a delimiter more than once.
    static let trickyFile: [UInt8] =
        Array("a\r\nb\r\n--\r\n-----WebKit".utf8) + [0, 255, 13, 13, 10] + Array("end".utf8)

    struct Read {
        var fields: [String: String]
        var file: [UInt8]
    }

    static func read(_ bytes: [UInt8], chunk: Int, limit: Int = 1 << 20) throws(MultipartFormReader.Failure) -> Read {
        var file: [UInt8] = []
        let reader = MultipartFormReader(boundary: boundary, filePart: "video", maximumFileBytes: limit) {
            file.append(contentsOf: $0.readableBytesView)
        }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try reader.read(ByteBuffer(bytes: bytes[offset..<end]))
            offset = end
        }
        try reader.finish()
        #expect(reader.fileBytes == file.count)
        return Read(fields: reader.fields, file: file)
    }

    @Test(arguments: [1, 2, 3, 7, 40, 41, 42, 4096])
    func aFormReadsTheSameInChunksOfAnySize(chunk: Int) throws {
        let read = try Self.read(Self.form(file: Self.trickyFile), chunk: chunk)
        #expect(read.fields == ["csrf": "token-123"])
        #expect(read.file == Self.trickyFile)
    }

    @Test func aHeaderNameWithAByteOutsideASCIIIsRefusedNotACrash() {
        #expect(throws: MultipartFormReader.Failure.malformed) {
            try Self.read(Self.form(file: [1, 2], fileHeaderName: "Cont\u{00E9}nt"), chunk: 5)
        }
    }

    @Test func aHeaderLineWithoutAColonIsRefused() {
        #expect(throws: MultipartFormReader.Failure.malformed) {
            try Self.read(Self.form(file: [1, 2], fileHeaderName: "Content Disposition"), chunk: 64)
        }
    }

    @Test func aFormCutShortIsRefused() {
        let whole = Self.form(file: Self.trickyFile)
        let cut = Array(whole.prefix(whole.count - 30))
        #expect(throws: MultipartFormReader.Failure.malformed) { try Self.read(cut, chunk: 16) }
    }

    @Test func aFileOverTheLimitStopsAtTheLimit() {
        #expect(throws: MultipartFormReader.Failure.tooLarge) {
            try Self.read(Self.form(file: Array(repeating: 7, count: 5000)), chunk: 1000, limit: 4000)
        }
    }

    @Test func endlessHeadersAreRefused() {
        let head = Array("--\(Self.boundary)\r\nX-A: ".utf8)
        let bytes = head + Array(repeating: UInt8(ascii: "a"), count: MultipartFormReader.maximumHeaderBytes)
        #expect(throws: MultipartFormReader.Failure.malformed) { try Self.read(bytes, chunk: 512) }
    }

    @Test func theRecordingFormReadsWhole() {
        let text = """
            --\(Self.boundary)\r
            Content-Disposition: form-data; name="csrf"\r
            \r
            abc\r
            --\(Self.boundary)\r
            Content-Disposition: form-data; name="file"; filename="squat.json"\r
            Content-Type: application/json\r
            \r
            {"fps":30}\r
            --\(Self.boundary)--\r

            """
        #expect(
            MultipartForm.fileUpload(Array(text.utf8), boundary: Self.boundary)
                == MultipartForm.FileUpload(csrf: "abc", file: "{\"fps\":30}"))
        #expect(MultipartForm.fileUpload(Array(text.utf8.prefix(60)), boundary: Self.boundary) == nil)
    }

    @Test func theBoundaryIsTakenFromTheContentType() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"a b\"; charset=x") == "a b")
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(
            MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71))
                == nil)
    }
}
