import Foundation
import PropertyBased
import RehabCore
import Testing

@testable import RehabWeb

/// The answer to a logged session is written directly, byte for byte what the API's JSON encoder writes.
struct SessionLoggedTests {
    typealias Logged = PatientController.SessionLogged

    static let text = Gen.element(of: ["quad-set", "Quad sets: 3 easy sessions in a row.", "a/b", "say \"hi\"", "é"])
        .map { $0 ?? "" }
    static let change = zip(
        zip(text, Gen.ascii.string(of: 0...4)), Gen.element(of: DoseChange.allCases),
        text.optional(), text.optional()
    ).map { id, dose, rule, reason in
        Logged.Change(exercise: ExerciseID(rawValue: id.0 + id.1), change: dose, rule: rule, reason: reason)
    }

    @Test func matchesTheEncoder() async {
        let logged = zip(Gen.int(in: 0...40_000), Gen.int(in: 1...500).optional(), Self.change.array(of: 0...4))
        await propertyCheck(input: logged) { day, revision, changes in
            let value = Logged(
                id: .generate(), date: CalendarDate(dayNumber: day), planRevision: revision, changes: changes)
            let encoded = try JSONResponse.encoder.encode(value)
            #expect(value.json == encoded)
        }
    }

    @Test func aSessionWithoutChanges() throws {
        let id = try #require(SessionID(uuidString: "4e2d53c5-170e-4221-891a-a61d72605791"))
        let value = Logged(id: id, date: CalendarDate(dayNumber: 20_417), planRevision: nil, changes: [])
        let expected = #"{"changes":[],"date":"2025-11-25","id":"4e2d53c5-170e-4221-891a-a61d72605791"}"#
        #expect(String(decoding: value.json, as: UTF8.self) == expected)
    }
}
