import RehabCore
import Testing

struct TriageLevelTests {
    @Test func severityOrdersMostSevereHighest() {
        #expect(TriageLevel.allCases == [.emergency, .urgent, .contactClinician, .modify, .continue])
        #expect(TriageLevel.allCases.sorted(by: >) == TriageLevel.allCases)
        #expect(TriageLevel.emergency > TriageLevel.urgent)
        #expect(TriageLevel.modify > TriageLevel.continue)
    }

    @Test(arguments: TriageLevel.allCases)
    func headlineIsPlainWords(level: TriageLevel) {
        let text = level.headline(emergencyNumber: "112")
        #expect(!text.isEmpty)
        #expect(text.contains("112") == (level == .emergency))
    }

    @Test func rawValuesMatchTheContract() {
        #expect(
            TriageLevel.allCases.map(\.rawValue) == ["emergency", "urgent", "contact-clinician", "modify", "continue"])
    }
}
