import Foundation
import FuzzDriver
import NIOCore
import RehabForms

/// A multipart upload as the video and recording forms read it: the body arrives in chunks (their size taken from
/// the first byte), the `video` part goes to a sink with a limit, the short fields are kept; and the whole body is
/// read as the recording form. Any bytes are read or refused, never a crash, and the limits hold.
func fuzzMultipartForm(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let chunk = 1 + Int(bytes[0] % 64)
    let body = Array(bytes.dropFirst())
    let limit = 2048
    var written = 0
    let reader = MultipartFormReader(boundary: boundary, filePart: "video", maximumFileBytes: limit) {
        written += $0.readableBytes
    }
    var failure: MultipartFormReader.Failure?
    var offset = 0
    while offset < body.count, failure == nil {
        let end = min(body.count, offset + chunk)
        do {
            try reader.read(ByteBuffer(bytes: body[offset..<end]))
        } catch {
            failure = error
        }
        offset = end
    }
    precondition(written <= limit, "more than the limit reached the sink")
    precondition(failure == .tooLarge || written == reader.fileBytes, "the sink missed bytes")
    precondition(
        reader.fields.values.allSatisfy { $0.utf8.count <= 3 * MultipartFormReader.maximumFieldBytes },
        "a field longer than kept")
    if let upload = MultipartForm.fileUpload(body, boundary: boundary) {
        precondition(upload.csrf.utf8.count + upload.file.utf8.count <= 3 * body.count, "more than was sent")
    }
    _ = MultipartForm.boundary(contentType: String(decoding: body.prefix(200), as: UTF8.self))
    return 0
}

let boundary = "fuzz-boundary"

runFuzzer { start, count in fuzzMultipartForm(start, count) }
