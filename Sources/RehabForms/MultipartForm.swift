import Foundation
import MultipartKit
import NIOCore

/// Multipart forms (`multipart/form-data`, the pages' file uploads), read with MultipartKit.
public enum MultipartForm {
    /// The boundary named by a `Content-Type` header, or nil when it names none.
    public static func boundary(contentType: String) -> String? {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        let boundary = String(contentType[range.upperBound...])
            .trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        return boundary.isEmpty ? nil : boundary
    }

    /// The fields of the recording upload form: the form token and the keypoint file as text.
    public struct FileUpload: Decodable, Sendable, Equatable {
        /// The form's CSRF token.
        public let csrf: String
        /// The uploaded file.
        public let file: String
    }

    /// Reads a whole upload form; nil when it is not a well-formed form with both fields.
    public static func fileUpload(_ bytes: [UInt8], boundary: String) -> FileUpload? {
        try? FormDataDecoder().decode(FileUpload.self, from: bytes, boundary: boundary)
    }
}

/// Reads a multipart form as its bytes arrive: the bytes of one file part go straight to `write` (never held in
/// memory), the other parts are kept as short text fields (the first 4,096 bytes of each).
public final class MultipartFormReader {
    /// Why a form was refused.
    public enum Failure: Error, Equatable {
        /// The bytes are not a multipart form with this boundary.
        case malformed
        /// The file part is longer than allowed.
        case tooLarge
        /// `write` failed.
        case writeFailed
    }

    /// The longest text field kept, in bytes.
    public static let maximumFieldBytes = 4096

    /// The short fields of the parts read so far, by name.
    public private(set) var fields: [String: String] = [:]
    /// The bytes of the file part read so far.
    public private(set) var fileBytes = 0

    private let parser: MultipartParser
    private let filePart: String
    private let maximumFileBytes: Int
    private let write: (ByteBuffer) throws -> Void
    private var failure: Failure?
    private var name: String?
    private var text = Data()

    /// A reader for a form with `boundary` whose part named `filePart` goes to `write`, up to `maximumFileBytes`.
    public init(
        boundary: String, filePart: String, maximumFileBytes: Int, write: @escaping (ByteBuffer) throws -> Void
    ) {
        parser = MultipartParser(boundary: boundary)
        self.filePart = filePart
        self.maximumFileBytes = maximumFileBytes
        self.write = write
        parser.onHeader = { [unowned self] field, value in header(field, value) }
        parser.onBody = { [unowned self] buffer in body(buffer) }
        parser.onPartComplete = { [unowned self] in partComplete() }
    }

    /// Reads the next bytes of the form.
    public func read(_ buffer: ByteBuffer) throws(Failure) {
        do {
            try parser.execute(buffer)
        } catch {
            throw .malformed
        }
        if let failure { throw failure }
    }

    private func header(_ field: String, _ value: String) {
        guard field.lowercased() == "content-disposition" else { return }
        name = value.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("name=") }
            .map { String($0.dropFirst(5)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    private func body(_ buffer: ByteBuffer) {
        guard failure == nil else { return }
        if name == filePart {
            fileBytes += buffer.readableBytes
            guard fileBytes <= maximumFileBytes else {
                failure = .tooLarge
                return
            }
            do { try write(buffer) } catch { failure = .writeFailed }
        } else if text.count + buffer.readableBytes <= Self.maximumFieldBytes {
            text.append(contentsOf: buffer.readableBytesView)
        }
    }

    private func partComplete() {
        if let name, name != filePart { fields[name] = String(decoding: text, as: UTF8.self) }
        name = nil
        text = Data()
    }
}
