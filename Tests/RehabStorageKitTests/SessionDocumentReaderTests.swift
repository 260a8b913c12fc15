import Foundation
import PropertyBased
import Testing

@testable import RehabCore
@testable import RehabJSON
@testable import RehabStorageKit

/// The direct reader of session JSON reads what the generic decoder reads, and declines (nil) whatever is not in
/// the plain shape, leaving it to the generic decoder and its errors.
struct SessionDocumentReaderTests {
    static func generic(_ text: String) -> ExerciseSession? {
        try? JSONDecoder().decode(ExerciseSession.self, from: Data(text.utf8))
    }

    static func read(_ text: String) -> ExerciseSession? {
        SessionDocumentReader.session(from: text)
    }

    /// Every document the writer writes reads back, directly unless a name needed an escape (catalog ids never do).
    @Test func readsWhatTheDocumentWriterWrites() async {
        await propertyCheck(input: SessionDocumentTests.session) { session in
            let text = try StorageCoding.encode(session, "session")
            #expect(try StorageCoding.decode(ExerciseSession.self, text, "session") == session)
            let direct = [Self.read(text), SessionDocumentReader.session(from: Data(text.utf8))]
            if text.contains("\\") {
                #expect(direct.allSatisfy { $0 == nil || $0 == session })
            } else {
                #expect(direct.allSatisfy { $0 == session })
            }
        }
    }

    @Test func readsAnyKeyOrderAndBlanks() async {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        await propertyCheck(input: SessionDocumentTests.session) { session in
            let text = String(decoding: try encoder.encode(session), as: UTF8.self)
            if !text.contains("\\") { #expect(Self.read(text) == session) }
            if let read = Self.read(text) { #expect(read == session) }
        }
    }

    /// Damaged documents: whenever the reader still reads one, the generic decoder reads the same session.
    @Test func neverDisagreesWithTheGenericDecoder() async {
        let edits = zip(Gen.int(in: 0...400), Gen.element(of: Array(#"{}[],:" -.0123456789eE+\"nulltrueaxé"#)))
            .array(of: 1...3)
        await propertyCheck(count: 500, input: SessionDocumentTests.session, edits, Gen.bool) {
            session, edits, deleting in
            var bytes = Array(try StorageCoding.encode(session, "session").utf8)
            for (position, character) in edits where !bytes.isEmpty {
                let at = position % bytes.count
                if deleting {
                    bytes.remove(at: at)
                } else {
                    bytes.insert(contentsOf: Array(String(character ?? " ").utf8), at: at)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let read = Self.read(text) { #expect(Self.generic(text) == read, "\(text)") }
        }
    }

    @Test(arguments: [
        #"{"date":"2026-11-25","exercises":[],"note":"x"}"#,  // a key it does not know
        #"{"date":"2026-11-25","date":"2026-11-24","exercises":[]}"#,  // a key twice
        #"{"date":"2026-11-25","exercises":[{"id":"quad\u002dset"}]}"#,  // an escape
        #"{"date":"2026-11-25","exercises":[{"id":"quad-set","reps":10.0}]}"#,  // a fraction
        #"{"date":"2026-11-25","exercises":[{"id":"quad-set","reps":4294967296}]}"#,  // beyond 32 bits
        #"{"date":"2026-11-25","exercises":[{"id":"quad-set","difficulty":"meh"}]}"#,  // not one of the words
        #"{"date":"2026-02-30","exercises":[]}"#,  // no such day
        #"{"date":"2026-11-25","exercises":[{"reps":10}]}"#,  // no id
        #"{"date":"2026-11-25"}"#,  // no exercises
        #"{"date":"2026-11-25","exercises":[]} x"#,  // something after it
        #"{"date":"2026-11-25","exercises":[],}"#,  // a trailing comma
        #"{"date":"2026-11-25","painAfter":07,"exercises":[]}"#,  // a leading zero
        "",
    ])
    func declinesWhatIsNotPlain(text: String) {
        #expect(Self.read(text) == nil)
    }

    @Test func readsNullsAndBlanksAsTheGenericDecoderDoes() {
        let text = """
             { "date" : "2026-11-25" , "painBefore" : null, "stoppedForPain": false,\r\n\t"exercises" : [ { "id" : \
            "heel-slide", "reps" : -0, "loadKg" : 1.5e1, "difficulty" : null } ] , "painAfter" : 3 }\u{20}
            """
        let read = Self.read(text)
        #expect(read != nil)
        #expect(read == Self.generic(text))
        #expect(read?.exercises.first?.loadKg == 15)
    }
}
