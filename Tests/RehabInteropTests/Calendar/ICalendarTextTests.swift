import PropertyBased
import RehabInterop
import Testing

/// Escaping and folding, checked against the tests' own reader.
struct ICalendarTextTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b;c\\d", "a\\,b\\;c\\\\d"), ("one\ntwo", "one\\ntwo"), ("one\r\ntwo", "one\\ntwo"),
        ("one\rtwo", "one\\ntwo"), ("tab\there", "tab\there"), ("bell\u{7}del\u{7F}", "belldel"), ("ñ😀", "ñ😀"),
    ])
    func escapesText(text: String, escaped: String) {
        #expect(ICalendarText.escape(text) == escaped)
    }

    @Test func quotesParameterValuesThatNeedIt() {
        #expect(ICalendarText.parameterValue("Europe/Madrid") == "Europe/Madrid")
        #expect(ICalendarText.parameterValue("a;b:c,d") == "\"a;b:c,d\"")
        #expect(ICalendarText.parameterValue("say \"hi\"") == "say hi")
    }

    @Test func foldsAtSeventyFiveOctetsWithoutSplittingACharacter() throws {
        let exact = "X:" + String(repeating: "a", count: 73)
        #expect(ICalendarText.fold(exact) == exact + "\r\n")
        let over = exact + "b"
        #expect(ICalendarText.fold(over) == exact + "\r\n b\r\n")
        // Two-octet characters: the first line holds "X:" and 36 of them (74 octets), not half of the 37th.
        let accents = "X:" + String(repeating: "é", count: 100)
        let lines = ICSReader.physicalLines(ICalendarText.fold(accents))
        #expect(lines.first?.utf8.count == 74)
        #expect(ICSReader.byteProblems(Array(ICalendarText.fold(accents).utf8)) == [])
        #expect(ICSReader.unfold(ICalendarText.fold(accents)) == [accents])
        let emoji = "X:" + String(repeating: "😀", count: 40)
        #expect(ICSReader.byteProblems(Array(ICalendarText.fold(emoji).utf8)) == [])
        #expect(ICSReader.unfold(ICalendarText.fold(emoji)) == [emoji])
    }

    /// Scalars from across Unicode (no surrogates), with the characters TEXT escapes much more often.
    static let scalar = Gen.frequency(
        (3, Gen.element(of: Array(",;\\\n\r\t :\"é😀\u{301}\u{200D}".unicodeScalars)).map { $0 ?? "," }),
        (3, Gen.unicodeScalar(in: " "..."~")),
        (1, Gen.unicodeScalar(in: "\u{0}"..."\u{1F}")),
        (2, Gen.unicodeScalar(in: "\u{80}"..."\u{D7FF}")),
        (2, Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}"))
    )

    @Test func aFoldedEscapedDescriptionReadsBackAsTheText() async {
        await propertyCheck(count: 500, input: Self.scalar.array(of: 0...200)) { scalars in
            let text = String(String.UnicodeScalarView(scalars))
            let folded = ICalendarText.contentLine("DESCRIPTION", value: ICalendarText.escape(text))
            #expect(ICSReader.byteProblems(Array(folded.utf8)) == [])
            let lines = ICSReader.unfold(folded)
            #expect(lines.count == 1)
            let property = try ICSReader.property(lines[0])
            #expect(property.name == "DESCRIPTION")
            let read = try ICSReader.unescape(property.value)
            #expect(read == ICalendarText.representable(text))
            let plain = !text.unicodeScalars.contains {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F
            }
            if plain { #expect(read == text) }
        }
    }
}
