import RehabCore
import Testing

@testable import RehabWeb

/// The pain buttons take their bands from the catalog's pain zones, so the words match the program's decisions.
struct PainScaleTests {
    let settings = Catalog.bundled.progression
    let words = Words.english

    @Test func elevenButtonsWithTheCatalogsZones() {
        let buttons = PainScale.buttons(selected: 4, settings: settings, words: words)
        #expect(buttons.map(\.value) == Array(0...10))
        #expect(buttons.filter(\.checked).map(\.value) == [4])
        for button in buttons {
            let zone = settings.zone(ofPain: button.value)
            #expect(button.band == PainScale.band(zone))
            #expect(button.word == PainScale.word(button.value, zone: zone, words: words))
        }
        #expect(buttons[0].word == "No pain" && buttons[10].word == "Worst possible")
    }

    @Test func everyRedZoneNumberSaysItIsTooMuch() {
        for value in 1...9 where settings.zone(ofPain: value) == .red {
            #expect(PainScale.word(value, zone: .red, words: words) == "Too much")
        }
        #expect(PainScale.word(2, zone: .green, words: words) == "A little")
        #expect(PainScale.word(4, zone: .amber, words: words) == "Some, but OK")
    }

    /// In Spanish the same numbers carry Spanish words, still following the zones.
    @Test func theWordsFollowThePatientsLanguage() {
        let spanish = PageStrings.bundled.words(.spanish)
        let buttons = PainScale.buttons(selected: nil, settings: settings, words: spanish)
        #expect(buttons[0].word == "Sin dolor" && buttons[10].word == "El peor posible")
        let labels = PainScale.difficulties(selected: .hard, words: spanish).map(\.label)
        #expect(labels == ["Fácil", "Lo justo", "Demasiado difícil"])
    }
}
