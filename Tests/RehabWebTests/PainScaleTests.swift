import RehabCore
import Testing

@testable import RehabWeb

/// The pain buttons take their bands from the catalog's pain zones, so the words match the program's decisions.
struct PainScaleTests {
    let settings = Catalog.bundled.progression

    @Test func elevenButtonsWithTheCatalogsZones() {
        let buttons = PainScale.buttons(selected: 4, settings: settings)
        #expect(buttons.map(\.value) == Array(0...10))
        #expect(buttons.filter(\.checked).map(\.value) == [4])
        for button in buttons {
            let zone = settings.zone(ofPain: button.value)
            #expect(button.band == PainScale.band(zone))
            #expect(button.word == PainScale.word(button.value, zone: zone))
        }
        #expect(buttons[0].word == "No pain" && buttons[10].word == "Worst possible")
    }

    @Test func everyRedZoneNumberSaysItIsTooMuch() {
        for value in 1...9 where settings.zone(ofPain: value) == .red {
            #expect(PainScale.word(value, zone: .red) == "Too much")
        }
        #expect(PainScale.word(2, zone: .green) == "A little" && PainScale.word(4, zone: .amber) == "Some, but OK")
    }
}
