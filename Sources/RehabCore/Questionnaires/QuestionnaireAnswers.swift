/// A patient's answers to one questionnaire: item id → integer, or null for an item left unanswered.
///
/// Decoding accepts only whole numbers or null and names the item on failure; `validated(against:)` then
/// checks ids and ranges against the instrument, so every refusal names `answers.<item>`.
public struct QuestionnaireAnswers: Hashable, Sendable {
    /// Every key that was given, with nil for an explicit null.
    public private(set) var entries: [String: Int?]

    /// Makes answers from a dictionary; nil values mean unanswered.
    public init(_ entries: [String: Int?]) {
        self.entries = entries
    }

    /// The answer to an item, or nil when it is missing or null.
    public subscript(id: String) -> Int? {
        entries[id] ?? nil
    }

    /// Checks that every key is an item of `instrument` and every answer is within the item's range.
    ///
    /// Unknown ids are refused rather than ignored: a misspelt key would otherwise silently lower a score.
    public func validate(for instrument: Instrument, path: String = "answers") throws(InvalidInput) {
        let items = instrument.items
        let known = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        for key in entries.keys.sorted() where known[key] == nil {
            throw InvalidInput(
                field: "\(path).\(key)",
                problem: "is not an item of \(instrument.title) (expected \(Self.describe(items)))")
        }
        for item in items {
            if let value = self[item.id], !item.range.contains(value) {
                throw InvalidInput(
                    field: "\(path).\(item.id)",
                    problem: "\(value) is outside \(item.minimum)–\(item.maximum)")
            }
        }
    }

    /// The ids of `items` that have no answer, in form order.
    func unanswered(_ items: [QuestionnaireItem]) -> [String] {
        items.filter { self[$0.id] == nil }.map(\.id)
    }

    private static func describe(_ items: [QuestionnaireItem]) -> String {
        guard items.count > 3 else { return items.map(\.id).joined(separator: ", ") }
        var groups: [(prefix: String, first: String, last: String)] = []
        for item in items {
            let prefix = String(item.id.prefix { $0.isLetter })
            if let index = groups.lastIndex(where: { $0.prefix == prefix }), index == groups.count - 1 {
                groups[index].last = item.id
            } else {
                groups.append((prefix, item.id, item.id))
            }
        }
        return groups.map { $0.first == $0.last ? $0.first : "\($0.first)–\($0.last)" }
            .joined(separator: ", ")
    }
}

extension QuestionnaireAnswers: Codable {
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes an object of item id → whole number or null; anything else names the item.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var entries: [String: Int?] = [:]
        for key in container.allKeys {
            if try container.decodeNil(forKey: key) {
                entries[key.stringValue] = .some(nil)
            } else if let value = try? container.decode(Int.self, forKey: key) {
                entries[key.stringValue] = value
            } else {
                throw InvalidInput(field: "answers.\(key.stringValue)", problem: "should be a whole number or null")
            }
        }
        self.entries = entries
    }

    /// Encodes the same object, unanswered items as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (id, value) in entries {
            try container.encode(value, forKey: Key(stringValue: id))
        }
    }
}
