import RehabCore
import Testing

/// A stored triage (English words, rule ids) shown in Spanish: rendered again from the check-in, with its numbers.
struct TriageResultLanguageTests {
    let catalog = Catalog.bundled
    let day = CalendarDate(year: 2026, month: 11, day: 20) ?? CalendarDate(dayNumber: 0)

    @Test func theReasonsSpeakSpanishWithThePatientsNumbers() {
        var checkIn = CheckIn(date: day, painAtRest: 8, swelling: .severe)
        checkIn.temperatureCelsius = 38.4
        checkIn.giveWay = true
        let stored = Triage.assess(checkIn, policy: catalog.triage, sentences: catalog.sentences)
        #expect(stored.reasons.contains { $0.message.contains("a temperature of 38.4 °C (38.0 °C or more)") })
        let spanish = stored.translated(to: .spanish, checkIn: checkIn, recent: [], catalog: catalog)
        #expect(spanish.level == stored.level)
        #expect(spanish.reasons.map(\.rule) == stored.reasons.map(\.rule))
        let messages = spanish.reasons.map(\.message)
        #expect(messages.contains { $0.contains("una temperatura de 38,4 °C (38,0 °C o más)") })
        #expect(messages.contains { $0.contains("un dolor de 8/10 en reposo") })
        #expect(messages.contains { $0.contains("ahora está muy hinchada") })
        #expect(Set(messages).isDisjoint(with: stored.reasons.map(\.message)))
    }

    @Test func englishIsTheStoredResult() {
        let checkIn = CheckIn(date: day, painAtRest: 1)
        let stored = Triage.assess(checkIn, policy: catalog.triage)
        #expect(stored.translated(to: .english, checkIn: checkIn, recent: [], catalog: catalog) == stored)
        #expect(stored.reasons.first?.message == "No warning signs today: carry on with your program as planned.")
        let spanish = stored.translated(to: .spanish, checkIn: checkIn, recent: [], catalog: catalog)
        #expect(spanish.reasons.first?.message.hasPrefix("Hoy no hay señales de alarma") == true)
    }

    /// A rule that no longer fires on the answers keeps the words it was stored with.
    @Test func aReasonThatDoesNotFireAgainKeepsItsWords() {
        let stored = TriageResult(reasons: [TriageReason(rule: "fever", level: .urgent, message: "Stored words.")])
        let shown = stored.translated(
            to: .spanish, checkIn: CheckIn(date: day, painAtRest: 1), recent: [], catalog: catalog)
        #expect(shown.reasons.map(\.message) == ["Stored words."])
    }
}
