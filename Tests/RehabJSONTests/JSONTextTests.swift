import Foundation
import PropertyBased
import RehabCore
import Testing

@testable import RehabJSON

/// A JSON string written directly is the one `JSONEncoder` writes with `.withoutEscapingSlashes`.
struct JSONTextTests {
    static func encoded(_ text: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode([text]), as: UTF8.self)
    }

    @Test(arguments: [
        "plain", "a/b", "say \"hi\"", "back\\slash", "tab\tline\nend\r", "\u{0}\u{1f}\u{7f}", "é 😀 \u{2028}",
    ])
    func escapesOnlyWhatJSONNeeds(text: String) throws {
        var json = "["
        JSONText.append(text, to: &json)
        #expect(json + "]" == (try Self.encoded(text)))
    }

    @Test func agreesWithTheEncoder() async {
        let characters = Gen.oneOf(Gen.ascii, Gen.element(of: Array("é😀\u{2028}\u{85}")).map { $0 ?? "x" })
        await propertyCheck(input: characters.array(of: 0...20)) { characters in
            let text = String(characters)
            var json = "["
            JSONText.append(text, to: &json)
            let expected = try Self.encoded(text)
            #expect(json + "]" == expected)
        }
    }
}
