import Foundation
import PropertyBased
import Testing

@testable import RehabCore
@testable import RehabJSON
@testable import RehabStorageKit

/// The direct reader of stored check-ins and triage results reads what the generic decoder reads, and declines
/// (nil) whatever is not in the plain shape, leaving it to the generic decoder and its errors.
struct CheckInDocumentReaderTests {
    static let pain = Gen.int(in: -3...12).optional()
    static let temperature = Gen.element(of: [36.6, 38.4, 30, 45, -0.0, 1e-7, 1e21, 0.30000000000000004])
        .map { $0 ?? 37 }.optional()
    static let checkIn = zip(
        Gen.int(in: 0...2_900_000), pain.array(of: 2), Gen.element(of: Swelling.allCases), temperature,
        Gen.bool.optional().array(of: 7)
    ).map { day, pains, swelling, temperature, flags in
        CheckIn(
            date: CalendarDate(dayNumber: day), painAtRest: pains[0], painMorning: pains[1], swelling: swelling,
            temperatureCelsius: temperature, woundRedness: flags[0], woundDrainage: flags[1],
            calfPainOrSwelling: flags[2], chestPainOrBreathless: flags[3], giveWay: flags[4], kneeLocked: flags[5],
            footNumbOrCold: flags[6])
    }
    static let words = Gen.element(of: ["Call 999 now.", "Rest — café, 38.5 °C", "say \"hi\"", "a\\b", "", "😀"])
        .map { $0 ?? "" }
    static let reason = zip(words, Gen.element(of: TriageLevel.allCases), words).map { rule, level, message in
        TriageReason(rule: rule, level: level ?? .continue, message: message)
    }
    static let triage = reason.array(of: 0...4).map(TriageResult.init(reasons:))

    static func generic<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Every stored document reads back, directly unless a text needed an escape.
    @Test func readsWhatTheStoreWrites() async {
        await propertyCheck(input: Self.checkIn, Self.triage) { checkIn, triage in
            let checkInText = try StorageCoding.encode(checkIn, "checkIn")
            let triageText = try StorageCoding.encode(triage, "triage")
            #expect(CheckInDocumentReader.checkIn(from: checkInText) == checkIn)
            #expect(CheckInDocumentReader.checkIn(from: Data(checkInText.utf8)) == checkIn)
            #expect(try StorageCoding.decode(CheckIn.self, checkInText, "checkIn") == checkIn)
            #expect(try StorageCoding.decode(TriageResult.self, triageText, "triage") == triage)
            let direct = [
                CheckInDocumentReader.triage(from: triageText),
                CheckInDocumentReader.triage(from: Data(triageText.utf8)),
            ]
            if triageText.contains("\\") {
                #expect(direct.allSatisfy { $0 == nil || $0 == triage })
            } else {
                #expect(direct.allSatisfy { $0 == triage })
            }
        }
    }

    /// PostgreSQL gives `jsonb` back with blanks and its own key order.
    @Test func readsAnyKeyOrderAndBlanks() async {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        await propertyCheck(input: Self.checkIn, Self.triage) { checkIn, triage in
            let checkInText = String(decoding: try encoder.encode(checkIn), as: UTF8.self)
            #expect(CheckInDocumentReader.checkIn(from: checkInText) == checkIn)
            let triageText = String(decoding: try encoder.encode(triage), as: UTF8.self)
            if !triageText.contains("\\") { #expect(CheckInDocumentReader.triage(from: triageText) == triage) }
        }
    }

    /// A temperature too small for a Double, or a zero with an exponent (which Foundation's decoder refuses or reads
    /// case by case), is left to the generic decoder; plain zeros are read.
    @Test(arguments: [
        ("1e-607", false), ("2e-324", false), ("0e5", false), ("0.000e5", false), ("0e-999", false), ("-0.0", true),
        ("0", true), ("0.000", true), ("5e-324", true),
    ])
    func zeroIsReadOnlyAsPlainZero(temperature: String, read: Bool) {
        let text = #"{"date":"2026-11-02","swelling":"none","temperatureCelsius":"# + temperature + "}"
        #expect((CheckInDocumentReader.checkIn(from: text) != nil) == read)
        if let direct = CheckInDocumentReader.checkIn(from: text) {
            #expect(Self.generic(CheckIn.self, text) == direct)
        }
    }

    /// Damaged documents: whenever the reader still reads one, the generic decoder reads the same value.
    @Test func neverDisagreesWithTheGenericDecoder() async {
        let edits = zip(Gen.int(in: 0...400), Gen.element(of: Array(#"{}[],:" -.0123456789eE+\"nulltrueaxé"#)))
            .array(of: 1...3)
        await propertyCheck(count: 500, input: Self.checkIn, Self.triage, edits, Gen.bool) {
            checkIn, triage, edits, deleting in
            for var bytes in [
                Array(try StorageCoding.encode(checkIn, "checkIn").utf8),
                Array(try StorageCoding.encode(triage, "triage").utf8),
            ] {
                for (position, character) in edits where !bytes.isEmpty {
                    let at = position % bytes.count
                    if deleting {
                        bytes.remove(at: at)
                    } else {
                        bytes.insert(contentsOf: Array(String(character ?? " ").utf8), at: at)
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                if let read = CheckInDocumentReader.checkIn(from: text) {
                    #expect(Self.generic(CheckIn.self, text) == read, "\(text)")
                }
                if let read = CheckInDocumentReader.triage(from: text) {
                    #expect(Self.generic(TriageResult.self, text) == read, "\(text)")
                }
            }
        }
    }

    @Test(arguments: [
        #"{"date":"2026-11-25","mood":"fine"}"#,  // a key it does not know
        #"{"date":"2026-11-25","painMorning":2,"painMorning":3}"#,  // a key twice
        #"{"date":"2026-11-25","swelling":"a bit"}"#,  // not one of the words
        #"{"date":"2026-11-25","painMorning":2.0}"#,  // a fraction
        #"{"date":"2026-11-25","giveWay":1}"#,  // a number for a yes or no
        #"{"date":"2026-02-30"}"#,  // no such day
        #"{"painMorning":2}"#,  // no date
        #"{"date":"2026-11-25","temperatureCelsius":1e999}"#,  // beyond a Double
        #"{"date":"2026-11-25"} x"#,  // something after it
        #"{"date":"2026-11-25",}"#,  // a trailing comma
        "",
    ])
    func declinesACheckInThatIsNotPlain(text: String) {
        #expect(CheckInDocumentReader.checkIn(from: text) == nil)
    }

    @Test(arguments: [
        #"{"level":"urgent","reasons":[]}"#,  // a level its reasons do not make
        #"{"level":"continue","reasons":[{"level":"modify","message":"m","rule":"r"}]}"#,  // the same
        #"{"level":"urgent","reasons":[{"level":"modify","message":"m","rule":"r"},"#
            + #"{"level":"urgent","message":"m","rule":"u"}]}"#,  // reasons not most severe first
        #"{"level":"continue","reasons":[{"level":"continue","rule":"r"}]}"#,  // a reason without its message
        #"{"level":"later","reasons":[]}"#,  // not a level
        #"{"level":"continue","reasons":[{"level":"continue","message":"a \"b\"","rule":"r"}]}"#,  // an escape
        #"{"level":"continue"}"#,  // no reasons
    ])
    func declinesATriageThatIsNotPlain(text: String) {
        #expect(CheckInDocumentReader.triage(from: text) == nil)
    }

    @Test func readsNullsAndBlanksAsTheGenericDecoderDoes() {
        let text = """
             { "date" : "2026-11-25" , "painAtRest" : null, "giveWay": false,\r\n\t"temperatureCelsius" : 3.84e1 , \
            "swelling" : null, "painMorning" : -0 }\u{20}
            """
        let read = CheckInDocumentReader.checkIn(from: text)
        #expect(read != nil)
        #expect(read == Self.generic(CheckIn.self, text))
        #expect(read?.temperatureCelsius == 38.4 && read?.painMorning == 0 && read?.giveWay == false)
        let triage =
            #"{ "reasons" : [ { "rule" : "fever" , "message" : "Ring", "level" : "urgent" } ], "level":"urgent" }"#
        #expect(CheckInDocumentReader.triage(from: triage) == Self.generic(TriageResult.self, triage))
        #expect(CheckInDocumentReader.triage(from: triage)?.level == .urgent)
    }
}
