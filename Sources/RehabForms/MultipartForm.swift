import Foundation
import NIOCore

/// Multipart forms (`multipart/form-data`, RFC 7578 over the syntax of RFC 2046): the pages' file uploads.
public enum MultipartForm {
    /// The boundary named by a `Content-Type` header, or nil when it names none (or one longer than RFC 2046's 70
    /// characters).
    public static func boundary(contentType: String) -> String? {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        let boundary = String(contentType[range.upperBound...].prefix { $0 != ";" })
            .trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        return boundary.isEmpty || boundary.utf8.count > 70 ? nil : boundary
    }

    /// The fields of the recording upload form: the form token and the keypoint file as text.
    public struct FileUpload: Sendable, Equatable {
        /// The form's CSRF token.
        public let csrf: String
        /// The uploaded file.
        public let file: String
    }

    /// Reads a whole upload form; nil when it is not a complete form with both fields.
    public static func fileUpload(_ bytes: [UInt8], boundary: String) -> FileUpload? {
        var file: [UInt8] = []
        let reader = MultipartFormReader(boundary: boundary, filePart: "file", maximumFileBytes: bytes.count) {
            file.append(contentsOf: $0.readableBytesView)
        }
        do {
            try reader.read(ByteBuffer(bytes: bytes))
            try reader.finish()
        } catch {
            return nil
        }
        guard reader.sawFilePart, let csrf = reader.fields["csrf"] else { return nil }
        return FileUpload(csrf: csrf, file: String(decoding: file, as: UTF8.self))
    }
}

/// Reads a multipart form as its bytes arrive: the bytes of one file part go straight to `write` (never held in
/// memory), the other parts are kept as short text fields (the first 4,096 bytes of each).
///
/// A part is a delimiter line (`--` and the boundary), header lines, an empty line and the part's bytes up to the
/// next delimiter, which starts on a new line; the last delimiter ends in `--`. What comes before the first
/// delimiter and after the last is ignored, as RFC 2046 says.
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
    /// The longest header section of a part, in bytes (a browser's is a few hundred).
    public static let maximumHeaderBytes = 8192

    /// The short fields of the parts read so far, by name.
    public private(set) var fields: [String: String] = [:]
    /// The bytes of the file part read so far.
    public private(set) var fileBytes = 0
    /// Whether a part named as the file part has begun.
    public private(set) var sawFilePart = false

    private enum State {
        /// Looking for the next delimiter: in the preamble before the first, else in a part's bytes.
        case content
        /// Just after a delimiter, with what followed it so far (`--` ends the form, a line break starts a part).
        case afterDelimiter([UInt8])
        /// In a part's header lines, with the bytes read so far.
        case headers([UInt8])
        /// After the last delimiter.
        case epilogue
    }

    private static let lineBreak: [UInt8] = [13, 10]
    private let delimiter: [UInt8]
    private let filePart: String
    private let maximumFileBytes: Int
    private let write: (ByteBuffer) throws -> Void
    private var state = State.content
    private var inPreamble = true
    /// Bytes at the end of the last read that may be the start of a delimiter. The form begins as if after a line
    /// break, so a delimiter on its first line is found.
    private var pending: [UInt8] = lineBreak
    private var failure: Failure?
    private var name: String?
    private var text: [UInt8] = []

    /// A reader for a form with `boundary` whose part named `filePart` goes to `write`, up to `maximumFileBytes`.
    public init(
        boundary: String, filePart: String, maximumFileBytes: Int, write: @escaping (ByteBuffer) throws -> Void
    ) {
        delimiter = Self.lineBreak + Array("--\(boundary)".utf8)
        self.filePart = filePart
        self.maximumFileBytes = maximumFileBytes
        self.write = write
    }

    /// Reads the next bytes of the form.
    public func read(_ buffer: ByteBuffer) throws(Failure) {
        if let failure { throw failure }
        let bytes = pending + buffer.readableBytesView
        pending = []
        var index = 0
        while index < bytes.count, failure == nil {
            switch state {
            case .content: index = readContent(bytes, from: index)
            case .afterDelimiter(let seen): index = readAfterDelimiter(bytes, from: index, seen: seen)
            case .headers(let seen): index = readHeaders(bytes, from: index, seen: seen)
            case .epilogue: index = bytes.count
            }
        }
        if let failure { throw failure }
    }

    /// Checks that the form ended with its closing delimiter (a form cut short is refused).
    public func finish() throws(Failure) {
        if let failure { throw failure }
        guard case .epilogue = state else { throw .malformed }
    }

    /// Passes on a part's bytes up to the next delimiter; keeps a possible start of one for the next read.
    private func readContent(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while let lineBreak = bytes[index...].firstIndex(of: 13) {
            let end = lineBreak + delimiter.count
            if end > bytes.count {
                if bytes[lineBreak...].elementsEqual(delimiter.prefix(bytes.count - lineBreak)) {
                    content(bytes[start..<lineBreak])
                    pending = Array(bytes[lineBreak...])
                    return bytes.count
                }
            } else if bytes[lineBreak..<end].elementsEqual(delimiter) {
                content(bytes[start..<lineBreak])
                if !inPreamble { partComplete() }
                state = .afterDelimiter([])
                return end
            }
            index = lineBreak + 1
        }
        content(bytes[start...])
        return bytes.count
    }

    /// After a delimiter: `--` ends the form; optional spaces or tabs and a line break start a part's headers.
    private func readAfterDelimiter(_ bytes: [UInt8], from start: Int, seen: [UInt8]) -> Int {
        var seen = seen
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if seen.isEmpty, byte == 32 || byte == 9 { continue }
            seen.append(byte)
            switch seen {
            case [45], [13]: continue
            case [45, 45]:
                state = .epilogue
                return bytes.count
            case Self.lineBreak:
                inPreamble = false
                state = .headers([])
                return index
            default:
                failure = .malformed
                return bytes.count
            }
        }
        state = .afterDelimiter(seen)
        return index
    }

    /// Collects a part's header lines up to the empty line that ends them, then reads them.
    private func readHeaders(_ bytes: [UInt8], from start: Int, seen: [UInt8]) -> Int {
        var seen = seen
        var index = start
        while index < bytes.count {
            seen.append(bytes[index])
            index += 1
            guard seen.count <= Self.maximumHeaderBytes else {
                failure = .malformed
                return bytes.count
            }
            if seen == Self.lineBreak || seen.suffix(4).elementsEqual(Self.lineBreak + Self.lineBreak) {
                startPart(headers: seen)
                return index
            }
        }
        state = .headers(seen)
        return index
    }

    /// Reads a part's header lines (`Name: value`, the name in RFC 7230's token characters) and takes its name
    /// from `Content-Disposition`.
    private func startPart(headers: [UInt8]) {
        name = nil
        for line in headers.split(separator: 10) {
            let line = line.last == 13 ? line.dropLast() : line[...]
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex,
                line[..<colon].allSatisfy(Self.isTokenCharacter)
            else {
                failure = .malformed
                return
            }
            let field = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
            if field.lowercased() == "content-disposition" { name = Self.partName(value) }
        }
        if name == filePart { sawFilePart = true }
        state = .content
    }

    /// The `name` parameter of a `Content-Disposition` value.
    private static func partName(_ value: String) -> String? {
        value.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("name=") }
            .map { String($0.dropFirst(5)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    /// RFC 7230's `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: true
        default: false
        }
    }

    /// A part's bytes: the file part's go to `write`, another part's are kept up to the field limit.
    private func content(_ bytes: ArraySlice<UInt8>) {
        guard !inPreamble, !bytes.isEmpty, failure == nil else { return }
        if name == filePart {
            fileBytes += bytes.count
            guard fileBytes <= maximumFileBytes else {
                failure = .tooLarge
                return
            }
            do { try write(ByteBuffer(bytes: bytes)) } catch { failure = .writeFailed }
        } else if text.count + bytes.count <= Self.maximumFieldBytes {
            text.append(contentsOf: bytes)
        }
    }

    private func partComplete() {
        if let name, name != filePart { fields[name] = String(decoding: text, as: UTF8.self) }
        name = nil
        text = []
    }
}
