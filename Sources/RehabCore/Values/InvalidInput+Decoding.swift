import Foundation

extension InvalidInput {
    /// Describes a `DecodingError` by the JSON path it happened at, without echoing the document's content.
    ///
    /// Shared by every door (command line and web) so a bad field reads the same wherever it was sent.
    public init(decoding error: DecodingError, root: String) {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = root
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: path(context.codingPath, key), problem: "is missing")
        case .typeMismatch(let type, let context):
            self.init(field: path(context.codingPath), problem: "should be \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(field: path(context.codingPath), problem: "should be \(Self.describe(type)), not null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                self.init(field: root.isEmpty ? "body" : root, problem: "is not valid JSON")
            } else if context.debugDescription.hasPrefix("Number ") {
                self.init(field: path(context.codingPath), problem: "should be a whole number in range")
            } else {
                self.init(field: path(context.codingPath), problem: Self.corruptionProblem(context))
            }
        @unknown default:
            self.init(field: root.isEmpty ? "body" : root, problem: "could not be read")
        }
    }

    /// Decodes `T` from JSON, naming the offending field of any failure (a core `InvalidInput` thrown by a
    /// value's own decoder passes through unchanged).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, root: String) throws(InvalidInput) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            let failure = InvalidInput(decoding: error, root: root)
            // A number the decoder cannot hold is reported without a path; the document itself may be fine.
            if failure.problem == "is not valid JSON", (try? JSONSerialization.jsonObject(with: data)) != nil {
                throw InvalidInput(
                    field: failure.field, problem: "holds a number that is not a whole number or is out of range")
            }
            throw failure
        } catch let error as InvalidInput {
            throw error
        } catch {
            throw InvalidInput(field: root.isEmpty ? "body" : root, problem: "is not valid JSON")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    private static func corruptionProblem(_ context: DecodingError.Context) -> String {
        let message = context.debugDescription
        if message.hasPrefix("Cannot initialize") {
            return "has a value that is not one of the allowed words"
        }
        return message
    }
}
