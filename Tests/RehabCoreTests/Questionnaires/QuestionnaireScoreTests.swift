import Foundation
import RehabCore
import Testing

struct QuestionnaireScoreTests {
    static let examples: [QuestionnaireScore] = [
        .nprs(NPRSScore(score: 3)),
        .koos(KOOSScore(scores: [.pain: 86.1, .adl: 90], answered: [.pain: 9, .adl: 17])),
        .koosJR(KOOSJRScore(raw: 7, score: 68.284)),
        .lefs(LEFSScore(score: 52)),
        .ikdc(IKDCScore(score: 72.4, answered: 18)),
    ]

    @Test(arguments: examples)
    func roundTripsThroughTheContractShape(score: QuestionnaireScore) throws {
        let data = try JSONEncoder().encode(score)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["instrument"] as? String == score.instrument.rawValue)
        #expect(try JSONDecoder().decode(QuestionnaireScore.self, from: data) == score)
    }

    @Test func scalesListEveryKOOSSubscale() {
        let scales = Self.examples[1].scales
        #expect(scales.map(\.scale) == ["pain", "symptoms", "adl", "sport", "qol"])
        #expect(scales.map(\.value) == [86.1, nil, 90, nil, nil])
    }
}
