import Foundation
import RehabCore
import Testing

struct CheckInTests {
    @Test func decodesTheContractShape() throws {
        let json = """
            {"date": "2026-11-21", "painAtRest": 2, "painMorning": 3, "swelling": "mild",
             "temperatureCelsius": 37.2, "woundRedness": false, "woundDrainage": false,
             "calfPainOrSwelling": false, "chestPainOrBreathless": false, "giveWay": false,
             "kneeLocked": false, "footNumbOrCold": false}
            """
        let decoded = try JSONDecoder().decode(CheckIn.self, from: Data(json.utf8))
        #expect(decoded.painMorning == 3)
        #expect(decoded.swelling == .mild)
        try decoded.validate()
        #expect(Triage.assess(decoded, policy: bundledPolicy).level == .modify)
    }

    @Test(arguments: [
        (checkIn { $0.painAtRest = 11 }, "checkIn.painAtRest"),
        (checkIn { $0.painMorning = -1 }, "checkIn.painMorning"),
        (checkIn { $0.temperatureCelsius = 99.5 }, "checkIn.temperatureCelsius"),
    ])
    func validateNamesTheField(value: CheckIn, field: String) {
        do {
            try value.validate()
            Issue.record("expected a refusal")
        } catch {
            #expect(error.field == field)
        }
    }
}
