import Foundation
import Testing

@testable import RehabMail

struct HeaderFieldTests {
    @Test func shortValuesStayOnOneLine() {
        #expect(
            HeaderField.fold("Subject", HeaderField.textTokens("Time for your exercises"))
                == "Subject: Time for your exercises")
    }

    @Test func longASCIIIsFoldedAtSpaces() {
        let subject = Array(repeating: "exercise", count: 20).joined(separator: " ")
        let folded = HeaderField.fold("Subject", HeaderField.textTokens(subject))
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.utf8.count <= HeaderField.maximumLineLength })
        // Unfolding (removing each CRLF) gives the value back.
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + subject)
    }

    @Test(arguments: ["Tienes una alerta urgente nueva en KneeRehab — ábrela", "a  double space", " leading", "=?x?="])
    func otherTextBecomesEncodedWordsThatDecodeBack(text: String) throws {
        let tokens = HeaderField.textTokens(text)
        #expect(tokens.allSatisfy { $0.hasPrefix("=?utf-8?B?") && $0.hasSuffix("?=") && $0.utf8.count <= 75 })
        let decoded = try tokens.map { token in
            let base64 = token.dropFirst("=?utf-8?B?".count).dropLast(2)
            return String(decoding: try #require(Data(base64Encoded: String(base64))), as: UTF8.self)
        }
        #expect(decoded.joined() == text)
        #expect(HeaderField.fold("Subject", tokens).components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func encodedWordsNeverSplitACharacter() {
        let text = String(repeating: "😀", count: 30)
        for token in HeaderField.encodedWords(text) {
            let base64 = String(token.dropFirst("=?utf-8?B?".count).dropLast(2))
            #expect(String(data: Data(base64Encoded: base64) ?? Data(), encoding: .utf8) != nil)
        }
    }

    @Test(arguments: [
        ("Riverside Knee Clinic", ["Riverside", "Knee", "Clinic"]), ("Dr. Ruiz, PT", ["\"Dr. Ruiz, PT\""]),
        ("Say \"hi\"", ["\"Say \\\"hi\\\"\""]), ("Clínica", ["=?utf-8?B?Q2zDrW5pY2E=?="]),
    ])
    func displayNamesAreAtomsQuotedOrEncoded(name: String, tokens: [String]) {
        #expect(HeaderField.phraseTokens(name) == tokens)
    }

    @Test func aTokenTooLongForAnyLineSitsAloneOnAFoldedLine() {
        let url = "<https://clinic.example/" + String(repeating: "t", count: 100) + ">"
        #expect(HeaderField.fold("List-Unsubscribe", [url]) == "List-Unsubscribe:\r\n " + url)
    }
}
