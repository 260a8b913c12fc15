import Foundation
import RehabCore
import RehabTesting
import Testing

@Suite struct PatientRecordTests {
    static let contractExample = """
        {"surgery": {"kind": "acl-reconstruction", "side": "right", "date": "2026-10-01"},
         "sessions": [{"date": "2026-11-20", "painAfter": 3,
           "exercises": [{"id": "wall-squat", "sets": 3, "reps": 10, "holdSeconds": 10,
                          "painDuring": 2, "difficulty": "easy"}]}],
         "checkIns": [{"date": "2026-11-21", "painMorning": 1, "swelling": "none"}],
         "measurements": [{"date": "2026-11-19", "kind": "knee-flexion", "side": "right", "value": 115}]}
        """

    let today = CalendarDate.literal("2026-11-25")
    let known = Set(Catalog.bundled.exerciseIDs)

    func decode(_ json: String) throws -> PatientRecord {
        try JSONDecoder().decode(PatientRecord.self, from: Data(json.utf8))
    }

    @Test func decodesTheContractExampleAndRoundTrips() throws {
        let record = try decode(Self.contractExample)
        #expect(record.surgery.kind == .aclReconstruction)
        #expect(record.sessions.first?.exercises.first?.difficulty == .easy)
        #expect(record.measurements.first?.value == 115)
        try record.validate(today: today, knownExercises: known, measures: Catalog.bundled.measurements)
        let again = try JSONDecoder().decode(PatientRecord.self, from: try JSONEncoder().encode(record))
        #expect(again == record)
    }

    @Test func listsMayBeLeftOut() throws {
        let record = try decode(#"{"surgery": {"kind": "medial-knee-pain", "side": "left", "date": "2026-10-01"}}"#)
        #expect(record.sessions.isEmpty && record.checkIns.isEmpty && record.measurements.isEmpty)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let edit: @Sendable (inout PatientRecord) -> Void
        let field: String
        let problem: String
        var testDescription: String { field }
    }

    static let badRecords: [Bad] = [
        Bad(
            edit: { $0.sessions[0].exercises[0].painDuring = 11 }, field: "sessions[0].exercises[0].painDuring",
            problem: "11 is outside 0–10"),
        Bad(
            edit: { $0.sessions[0].exercises[0].id = "moonwalk" }, field: "sessions[0].exercises[0].id",
            problem: "unknown exercise \"moonwalk\""),
        Bad(
            edit: { $0.sessions[0].date = CalendarDate.literal("2026-12-01") }, field: "sessions[0].date",
            problem: "2026-12-01 is in the future (today is 2026-11-25)"),
        Bad(
            edit: { $0.checkIns[0].date = CalendarDate.literal("2026-09-01") }, field: "checkIns[0].date",
            problem: "2026-09-01 is before the surgery date 2026-10-01"),
        Bad(edit: { $0.checkIns[0].painMorning = -1 }, field: "checkIns[0].painMorning", problem: "-1 is outside 0–10"),
        Bad(
            edit: { $0.measurements[0].value = 400 }, field: "measurements[0].value",
            problem: "must be between -20° and 170° for knee-flexion"),
        Bad(edit: { $0.sessions[0].painAfter = 12 }, field: "sessions[0].painAfter", problem: "12 is outside 0–10"),
        Bad(
            edit: { $0.sessions[0].exercises[0].reps = 1000 }, field: "sessions[0].exercises[0].reps",
            problem: "1000 is outside 0–200"),
    ]

    @Test(arguments: badRecords)
    func validationNamesTheField(_ bad: Bad) throws {
        var record = try decode(Self.contractExample)
        bad.edit(&record)
        #expect(throws: InvalidInput(field: bad.field, problem: bad.problem)) {
            try record.validate(today: today, knownExercises: known, measures: Catalog.bundled.measurements)
        }
    }

    @Test func impossibleDatesAndUnknownWordsFailToDecode() {
        let badDate = Self.contractExample.replacingOccurrences(of: "2026-11-20", with: "2026-11-31")
        #expect(throws: DecodingError.self) { try decode(badDate) }
        let badWord = Self.contractExample.replacingOccurrences(of: "\"easy\"", with: "\"meh\"")
        #expect(throws: DecodingError.self) { try decode(badWord) }
    }
}
