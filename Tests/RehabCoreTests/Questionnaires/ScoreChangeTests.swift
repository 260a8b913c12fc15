import RehabCore
import Testing

struct ScoreChangeTests {
    @Test(arguments: [
        (QuestionnaireScore.nprs(NPRSScore(score: 6)), QuestionnaireScore.nprs(NPRSScore(score: 4)), 2.0, true),
        (.nprs(NPRSScore(score: 6)), .nprs(NPRSScore(score: 5)), 2.0, false),
        (.koosJR(KOOSJRScore(raw: 14, score: 52.465)), .koosJR(KOOSJRScore(raw: 7, score: 68.284)), 20.0, false),
        (.koosJR(KOOSJRScore(raw: 14, score: 52.465)), .koosJR(KOOSJRScore(raw: 4, score: 76.332)), 20.0, true),
        (.lefs(LEFSScore(score: 40)), .lefs(LEFSScore(score: 49)), 9.0, true),
        (.lefs(LEFSScore(score: 40)), .lefs(LEFSScore(score: 48)), 9.0, false),
        (.ikdc(IKDCScore(score: 50, answered: 18)), .ikdc(IKDCScore(score: 61.5, answered: 18)), 11.5, true),
        (.ikdc(IKDCScore(score: 50, answered: 18)), .ikdc(IKDCScore(score: 61.4, answered: 18)), 11.5, false),
    ])
    func judgesAgainstTheMainThreshold(
        baseline: QuestionnaireScore, followUp: QuestionnaireScore, threshold: Double, meaningful: Bool
    ) throws {
        let change = try #require(try bundledQuestionnaires.compare(baseline, followUp).first)
        #expect(change.threshold.points == threshold)
        #expect(change.meaningful == meaningful)
        #expect(!change.threshold.source.isEmpty)
        #expect(change.direction == .better)
    }

    @Test func nprsOnePointIsSlightlyBetter() throws {
        let change = try #require(
            try bundledQuestionnaires.compare(.nprs(NPRSScore(score: 6)), .nprs(NPRSScore(score: 5))).first)
        #expect(change.change == -1)
        #expect(change.largestReached?.meaning == "slightly better")
        #expect(!change.meaningful)
    }

    @Test func koosIsJudgedPerSubscaleAndSkipsNulls() throws {
        let before = QuestionnaireScore.koos(KOOSScore(scores: [.pain: 60, .symptoms: 70, .adl: 80]))
        let after = QuestionnaireScore.koos(KOOSScore(scores: [.pain: 70, .symptoms: 65, .sport: 50]))
        let changes = try bundledQuestionnaires.compare(before, after)
        #expect(changes.map(\.scale) == ["pain", "symptoms"])
        #expect(changes.map(\.meaningful) == [true, false])
        #expect(changes.map(\.direction) == [.better, .worse])
    }

    @Test(arguments: [(nil, 11.5), (6, 11.5), (12, 9.0), (3, 11.5)] as [(Int?, Double)])
    func ikdcThresholdDependsOnTime(months: Int?, threshold: Double) throws {
        let change = try #require(
            try bundledQuestionnaires.compare(
                .ikdc(IKDCScore(score: 50, answered: 18)), .ikdc(IKDCScore(score: 60, answered: 18)),
                monthsAfterSurgery: months
            ).first)
        #expect(change.threshold.points == threshold)
        #expect(change.meaningful == (threshold <= 10))
    }

    @Test func refusesDifferentInstruments() {
        #expect(throws: InvalidInput.self) {
            try bundledQuestionnaires.compare(.nprs(NPRSScore(score: 1)), .lefs(LEFSScore(score: 1)))
        }
    }
}
