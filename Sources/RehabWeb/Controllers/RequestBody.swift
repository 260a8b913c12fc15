import Foundation
import HTTPTypes
import Hummingbird
import RehabAuth
import RehabCore
import RehabJSON

/// Reading request bodies: collected up to the context's limit (413 beyond), decoded with errors that name the
/// field (400 for JSON that does not parse, 422 for a field that is wrong).
enum RequestBody {
    /// The client stopped sending before the body was complete (it hung up): a 400, not a server failure.
    struct Incomplete: Error {}

    /// The raw bytes of a JSON body (`json: false` for another kind, such as a multipart form). A body declared
    /// as anything but JSON is refused with 415 before it is read.
    static func data(_ request: Request, context: AppRequestContext, limit: Int? = nil, json: Bool = true)
        async throws -> Data
    {
        if json, let type = request.headers[.contentType], !isJSON(type) {
            throw WebError(
                .unsupportedMediaType, code: "unsupported-media-type",
                message: "Content-Type must be application/json", field: "Content-Type")
        }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit ?? context.maxUploadSize)
            return Data(buffer.readableBytesView)
        } catch  where error is HTTPError || isTooManyBytes(error) {
            throw error
        } catch {
            throw Incomplete()
        }
    }

    /// Whether collecting a body stopped at its size limit (NIO's error for it is not public, so by its name).
    static func isTooManyBytes(_ error: any Error) -> Bool {
        String(describing: type(of: error)) == "NIOTooManyBytesError"
    }

    /// True for `application/json` and `application/…+json`, with any parameters.
    static func isJSON(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let media, media.hasPrefix("application/") else { return false }
        return media == "application/json" || media.hasSuffix("+json")
    }

    /// Decodes a JSON body.
    static func json<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        guard !data.isEmpty else {
            throw WebError(.badRequest, code: "malformed-json", message: "body is empty", field: "body")
        }
        do {
            return try InvalidInput.decode(type, from: data, root: "")
        } catch  where error.problem == "is not valid JSON" {
            throw WebError(.badRequest, code: "malformed-json", message: "body is not valid JSON", field: "body")
        }
    }

    /// Decodes a session body: directly when it has the plain shape (see `SessionDocumentReader`), otherwise with
    /// the generic decoder, which also names any error.
    static func session(from data: Data) throws -> ExerciseSession {
        if let session = SessionDocumentReader.session(from: data) { return session }
        return try json(ExerciseSession.self, from: data)
    }

    /// The `Idempotency-Key` of a request, scoped to the account and bound to a hash of method, path and body.
    static func idempotencyKey(_ request: Request, body: Data, account: AccountID) throws -> IdempotencyKey? {
        guard let name = HTTPField.Name("Idempotency-Key"), let key = request.headers[name] else { return nil }
        guard !key.isEmpty, key.count <= 200 else {
            throw WebError.invalid("Idempotency-Key", "must be 1 to 200 characters")
        }
        let hash = TokenHash.sha256(
            "\(request.method.rawValue) \(request.uri.path)\n" + String(decoding: body, as: UTF8.self))
        return IdempotencyKey(key: key, accountID: account, requestHash: hash)
    }
}

/// Turning a `WriteOutcome` into an HTTP response: a new write answers with the response stored with it, a
/// replay with the first response, byte for byte.
enum WriteResponse {
    static func make<V>(_ outcome: WriteOutcome<V>, fallback: (V) throws -> StoredResponse) throws -> Response {
        switch outcome {
        case .created(let value, let stored):
            let response = try stored ?? fallback(value)
            return JSONResponse.make(data: response.body, status: .init(code: response.status))
        case .replayed(let stored):
            var response = JSONResponse.make(data: stored.body, status: .init(code: stored.status))
            if let name = HTTPField.Name("Idempotent-Replayed") { response.headers[name] = "true" }
            return response
        }
    }

    /// A stored response of `status` holding `value` as JSON.
    static func stored(_ value: some Encodable, status: Int = 201) throws -> StoredResponse {
        StoredResponse(status: status, body: try JSONResponse.encoder.encode(value))
    }
}
