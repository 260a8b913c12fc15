import Foundation
import Testing

@testable import RehabCore

/// An exercise keeps its fields in one shared box; it still behaves as a value and reads and writes the JSON of
/// its plain fields.
struct ExerciseTests {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test(arguments: CatalogTests.contractExercises)
    func writesAndReadsTheJSONOfItsPlainFields(_ id: ExerciseID) throws {
        let exercise = try #require(Catalog.bundled.exercise(id))
        let written = try Self.json(exercise)
        let fields = try JSONDecoder().decode(Exercise.Fields.self, from: Data(written.utf8))
        #expect(try Self.json(fields) == written)
        let read = try JSONDecoder().decode(Exercise.self, from: Data(written.utf8))
        #expect(try Self.json(read) == written)
        #expect(written.contains("\"id\":\"\(id)\"") && written.contains("\"ladder\":["))
    }

    @Test func settingAFieldChangesOnlyThatCopy() throws {
        let original = try #require(Catalog.bundled.exercise("quad-set"))
        var copy = original
        copy.name = "Renamed"
        copy.ladder.removeLast()
        copy.cues.append("A new cue")
        #expect(copy.name == "Renamed" && original.name != "Renamed")
        #expect(copy.ladder.count == original.ladder.count - 1)
        #expect(copy.cues.count == original.cues.count + 1)
        #expect(copy.id == original.id && copy.steps == original.steps)
        #expect(try Self.json(Catalog.bundled.exercise("quad-set")) == (try Self.json(original)))
    }

    @Test func aMissingFieldIsNamedAsBefore() throws {
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.json(Catalog.bundled.exercise("bridge")).utf8))
                as? [String: Any])
        object["ladder"] = nil
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect {
            try JSONDecoder().decode(Exercise.self, from: data)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "ladder"
        }
    }
}
