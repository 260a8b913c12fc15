import RehabCore
import Testing

/// Each progression rule, case by case, against the thresholds of `progression.yaml`
/// (docs/clinical-sources.md §0.2–0.3, §3).
@Suite struct ProgressionRuleTests {
    let settings = Catalog.bundled.progression

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let evidence: ExerciseEvidence
        let rule: String
        let change: DoseChange
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "red flag beats easy sessions",
            evidence: .init(recentZones: [.green, .green], recentDifficulty: [.easy, .easy], redFlag: true),
            rule: "red-flag", change: .pause),
        Case(
            name: "pain above 5 twice running pauses",
            evidence: .init(recentZones: [.red, .red], recentDifficulty: [.right, .right]),
            rule: "pain-red-repeated", change: .pause),
        Case(
            name: "pain above 5 once regresses",
            evidence: .init(recentZones: [.red, .green], recentDifficulty: [.easy, .easy]),
            rule: "pain-red", change: .regress),
        Case(
            name: "stopping for pain counts as red",
            evidence: .init(recentZones: [.green], recentDifficulty: [.easy], stoppedForPain: true),
            rule: "pain-red", change: .regress),
        Case(
            name: "hard regresses",
            evidence: .init(recentZones: [.green, .green], recentDifficulty: [.hard, .easy]),
            rule: "too-hard", change: .regress),
        Case(
            name: "next morning 2 points above usual regresses",
            evidence: .init(recentZones: [.green, .green], recentDifficulty: [.easy, .easy], morningPainRise: 2),
            rule: "morning-pain-clearly-higher", change: .regress),
        Case(
            name: "moderate swelling holds",
            evidence: .init(
                recentZones: [.green, .green], recentDifficulty: [.easy, .easy], swellingAfter: .moderate,
                swellingBefore: .moderate),
            rule: "swelling-marked", change: .hold),
        Case(
            name: "pain 3 to 5 holds",
            evidence: .init(recentZones: [.amber, .green], recentDifficulty: [.easy, .easy]),
            rule: "pain-amber", change: .hold),
        Case(
            name: "next morning 1 point above usual holds",
            evidence: .init(recentZones: [.green, .green], recentDifficulty: [.easy, .easy], morningPainRise: 1),
            rule: "morning-pain-slightly-higher", change: .hold),
        Case(
            name: "swelling up from none holds",
            evidence: .init(
                recentZones: [.green, .green], recentDifficulty: [.easy, .easy], swellingAfter: .mild,
                swellingBefore: Swelling.none),
            rule: "swelling-increased", change: .hold),
        Case(
            name: "effort about right holds",
            evidence: .init(recentZones: [.green, .green], recentDifficulty: [.right, .easy]),
            rule: "effort-right", change: .hold),
        Case(
            name: "two green easy sessions progress",
            evidence: .init(recentZones: [.green, .green], recentDifficulty: [.easy, .easy], morningPainRise: 0),
            rule: "green-easy-repeated", change: .progress),
        Case(
            name: "one green easy session is not enough",
            evidence: .init(recentZones: [.green], recentDifficulty: [.easy]),
            rule: "keep-going", change: .hold),
        Case(
            name: "green but earlier session amber holds",
            evidence: .init(recentZones: [.green, .amber], recentDifficulty: [.easy, .easy]),
            rule: "keep-going", change: .hold),
        Case(
            name: "a lower morning pain than usual does not block progress",
            evidence: .init(recentZones: [.green, .green], recentDifficulty: [.easy, .easy], morningPainRise: -2),
            rule: "green-easy-repeated", change: .progress),
    ]

    @Test(arguments: cases)
    func decides(_ example: Case) {
        let rule = ProgressionRules.decide(example.evidence, settings: settings)
        #expect(rule.id == example.rule)
        #expect(rule.change == example.change)
        #expect(!rule.reason(Catalog.bundled.progression).isEmpty)
    }

    @Test(arguments: 0...10)
    func painZonesFollowTheTrafficLight(_ pain: Int) {
        let expected: PainZone = pain <= 2 ? .green : pain <= 5 ? .amber : .red
        #expect(settings.zone(ofPain: pain) == expected)
    }

    @Test func everyRuleHasAUniqueIDAndAPatientSentence() {
        let ids = ProgressionRules.ordered.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in ProgressionRules.ordered {
            #expect(rule.reason(Catalog.bundled.progression).hasSuffix("."))
            #expect(rule.reason(Catalog.bundled.progression).count < 160, "keep \(rule.id)'s sentence short")
        }
    }

    /// The sentences say the thresholds in force: the bundled ones, and a clinic's own when it changes them.
    @Test func sentencesNameTheThresholdsInForce() throws {
        func sentence(_ id: String, _ settings: ProgressionSettings) throws -> String {
            try #require(ProgressionRules.ordered.first { $0.id == id }).reason(settings)
        }
        let bundled = Catalog.bundled.progression
        #expect(try sentence("pain-red", bundled).contains("more than 5 out of 10"))
        #expect(try sentence("pain-amber", bundled).contains("(3 to 5 out of 10)"))
        #expect(try sentence("pain-red-repeated", bundled).contains("two sessions in a row"))
        var clinic = bundled
        clinic.painGreenMax.value = 3
        clinic.painAmberMax.value = 4
        clinic.redSessionsToPause.value = 3
        #expect(try sentence("pain-red", clinic).contains("more than 4 out of 10"))
        #expect(try sentence("pain-amber", clinic).contains("(4 out of 10)"))
        #expect(try sentence("pain-red-repeated", clinic).contains("3 sessions in a row"))
    }

    @Test func onlyTheRepeatedRedRuleAlertsTheClinician() {
        #expect(ProgressionRules.ordered.filter(\.alertsClinician).map(\.id) == ["pain-red-repeated"])
    }
}
