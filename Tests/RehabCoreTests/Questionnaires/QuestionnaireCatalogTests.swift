import Foundation
import RehabCore
import Testing

struct QuestionnaireCatalogTests {
    @Test func bundledCatalogLoadsWithSources() {
        #expect(bundledQuestionnaires.koosJR.intervalScores.count == 29)
        #expect(!bundledQuestionnaires.koosJR.source.isEmpty)
        #expect(bundledQuestionnaires.mcid.allSatisfy { !$0.source.isEmpty && $0.points > 0 })
        #expect(Set(bundledQuestionnaires.mcid.map(\.instrument)) == Set(Instrument.allCases))
    }

    @Test(arguments: [
        (Instrument.nprs, answers([("pain", 4)]), #""score":4"#),
        (.koosJR, KOOSJRTests.answersSumming(to: 7), #""score":68.284"#),
        (.lefs, answers((1...20).map { ("\($0)", 4) }), #""score":80"#),
    ])
    func scoresThroughOneDoor(instrument: Instrument, given: QuestionnaireAnswers, fragment: String) throws {
        let score = try bundledQuestionnaires.score(instrument, answers: given)
        #expect(score.instrument == instrument)
        let json = String(decoding: try JSONEncoder().encode(score), as: UTF8.self)
        #expect(json.contains(#""instrument":"\#(instrument.rawValue)""#))
        #expect(json.contains(fragment))
    }

    @Test func loadReportsFileAndKeyPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "koosJR:\n  source: x\n  intervalScores: [100, 0]\nmcid: []\n"
            .write(to: directory.appendingPathComponent("questionnaires.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try QuestionnaireCatalog.load(from: directory)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field.hasPrefix("questionnaires.yaml"))
            #expect(error.description.contains("29 values"))
        }
        #expect(throws: InvalidInput.self) {
            try QuestionnaireCatalog.load(from: directory.appendingPathComponent("absent"))
        }
    }
}
