import Foundation
import RehabCore
import RehabInterop
import RehabTesting
import Testing

/// The patient's long table: written as RFC 4180, read back row by row.
struct CSVExportTests {
    static let patient = PatientID.generate()
    static let created = Date(timeIntervalSince1970: 1_790_000_000)

    /// A record with two sessions (one on the same day as a check-in), check-ins, measurements and scores.
    static let record = RecordBuilder(.aclReconstruction, side: .right)
        .session(
            day: 20, painBefore: 1, painAfter: 3, stoppedForPain: false,
            [
                PerformedExercise(
                    id: "wall-squat", sets: 3, reps: 10, holdSeconds: 10, painDuring: 2, difficulty: .easy),
                PerformedExercise(id: "stationary-bike", durationMinutes: 10, loadKg: 2.5),
            ]
        )
        .session(day: 21, [PerformedExercise(id: "quad-set")])
        .checkIn(day: 21, painMorning: 1, swelling: .mild)
        .measured(.kneeFlexion, 115, day: 19)
        .record

    static func storedCheckIn(_ checkIn: CheckIn, _ triage: TriageResult) -> StoredCheckIn {
        StoredCheckIn(
            id: .generate(), patientID: patient, checkIn: checkIn, triage: triage, alertID: nil, createdAt: created)
    }

    static func storedMeasurement(_ measurement: RehabCore.Measurement, struck: Bool = false) -> StoredMeasurement {
        StoredMeasurement(
            id: .generate(), patientID: patient, measurement: measurement, createdAt: created,
            strike: struck ? MeasurementStrike(reason: "wrong leg", by: nil, at: created) : nil)
    }

    static func response(_ date: CalendarDate, _ score: QuestionnaireScore) -> QuestionnaireResponse {
        QuestionnaireResponse(
            id: .generate(), patientID: patient, date: date, answers: QuestionnaireAnswers([:]), score: score,
            createdAt: created)
    }

    static func day(_ n: Int) -> CalendarDate { RecordBuilder.day0.adding(days: n) }

    static let fever = TriageResult(reasons: [
        TriageReason(rule: "fever", level: .urgent, message: "Call today."),
        TriageReason(rule: "swelling-severe", level: .contactClinician, message: "Tell us."),
    ])

    static func table(
        checkIns: [StoredCheckIn] = [], measurements: [StoredMeasurement] = [], responses: [QuestionnaireResponse] = []
    ) throws -> (text: String, header: [String], rows: [[String: String]]) {
        let text = CSVExport.patientTable(
            record: record, checkIns: checkIns, measurements: measurements, responses: responses)
        let (header, rows) = try CSVReader.table(text)
        return (text, header, rows)
    }

    @Test func headerAndRowsFromTheRecordAlone() throws {
        let (text, header, rows) = try Self.table()
        #expect(header == ["date", "kind", "item", "side", "value", "unit", "method", "detail"])
        #expect(header == CSVExport.patientColumns)
        #expect(text.hasSuffix("\r\n"))
        // Session 1: exercises, painBefore, painAfter, stoppedForPain, the squat's 5 values, the bike's 2;
        // session 2: exercises and the quad set done; the record's check-in: 2; its measurement: 1.
        #expect(rows.count == 4 + 5 + 2 + 2 + 2 + 1)
        #expect(rows.map { $0["date"] ?? "" } == rows.map { $0["date"] ?? "" }.sorted())
        #expect(rows.first?["kind"] == "measurement")
        let squat = rows.filter { $0["item"]?.hasPrefix("wall-squat.") == true }
        #expect(
            squat.map { $0["item"] ?? "" } == [
                "wall-squat.sets", "wall-squat.reps", "wall-squat.holdSeconds", "wall-squat.painDuring",
                "wall-squat.difficulty",
            ])
        #expect(squat.map { $0["unit"] ?? "" } == ["count", "count", "s", "0-10", ""])
        #expect(squat.allSatisfy { $0["kind"] == "exercise" && $0["detail"] == "session 1" })
        #expect(rows.contains { $0["item"] == "stationary-bike.loadKg" && $0["value"] == "2.5" && $0["unit"] == "kg" })
        #expect(rows.contains { $0["item"] == "quad-set.done" && $0["value"] == "true" && $0["detail"] == "session 2" })
        #expect(rows.contains { $0["item"] == "painAfter" && $0["value"] == "3" && $0["detail"] == "session 1" })
        #expect(rows.contains { $0["kind"] == "check-in" && $0["item"] == "swelling" && $0["value"] == "mild" })
        let flexion = try #require(rows.first { $0["item"] == "knee-flexion" })
        #expect(flexion["value"] == "115" && flexion["unit"] == "deg" && flexion["side"] == "right")
        #expect(!rows.contains { $0["item"] == "triage" })
    }

    @Test func storedCheckInsCarryTheirTriageAndReplaceTheRecords() throws {
        let checkIn = CheckIn(
            date: Self.day(22), painAtRest: 4, temperatureCelsius: 38.4, woundRedness: true, calfPainOrSwelling: false)
        let (_, _, rows) = try Self.table(checkIns: [Self.storedCheckIn(checkIn, Self.fever)])
        let checkIns = rows.filter { $0["kind"] == "check-in" }
        #expect(
            checkIns.map { $0["item"] ?? "" } == [
                "painAtRest", "temperatureCelsius", "woundRedness", "calfPainOrSwelling", "triage",
            ])
        #expect(checkIns.allSatisfy { $0["date"] == Self.day(22).description })
        let temperature = try #require(checkIns.first { $0["item"] == "temperatureCelsius" })
        #expect(temperature["value"] == "38.4" && temperature["unit"] == "Cel")
        let triage = try #require(checkIns.last)
        #expect(triage["value"] == "urgent")
        #expect(triage["detail"] == "check-in 1; rules: fever swelling-severe")
    }

    @Test func storedMeasurementsCarryMethodAndNoteAndStruckOnesAreLeftOut() throws {
        let kept = RehabCore.Measurement(
            date: Self.day(30), kind: .hopDistance, side: .left, value: 142.5, method: .timedTest,
            note: "Hop, \"best\" of 3;\nfelt fine — ñandú 😀")
        let struck = RehabCore.Measurement(date: Self.day(30), kind: .kneeFlexion, side: .right, value: 160)
        let (text, _, rows) = try Self.table(measurements: [
            Self.storedMeasurement(kept), Self.storedMeasurement(struck, struck: true),
        ])
        let measurements = rows.filter { $0["kind"] == "measurement" }
        #expect(measurements.count == 1)
        let hop = try #require(measurements.first)
        #expect(hop["item"] == "hop-distance" && hop["side"] == "left" && hop["value"] == "142.5")
        #expect(hop["unit"] == "cm" && hop["method"] == "timed-test")
        #expect(hop["detail"] == "Hop, \"best\" of 3;\nfelt fine — ñandú 😀")
        #expect(text.contains("\"Hop, \"\"best\"\" of 3;\nfelt fine — ñandú 😀\""))
    }

    @Test(arguments: ["=HYPERLINK(\"x\")", "+1", "-2 after", "@sum", "\tx"])
    func notesThatLookLikeFormulasAreDefused(note: String) throws {
        let measurement = RehabCore.Measurement(
            date: Self.day(30), kind: .kneeExtension, side: .right, value: -3, note: note)
        let (_, _, rows) = try Self.table(measurements: [Self.storedMeasurement(measurement)])
        let row = try #require(rows.first { $0["kind"] == "measurement" })
        #expect(row["detail"] == "'" + note)
        #expect(row["value"] == "-3")
    }

    @Test func scoresOneRowPerScale() throws {
        let koos = KOOSScore(scores: [.pain: 86.11111, .symptoms: 75, .adl: 90, .qol: 50])
        let (_, _, rows) = try Self.table(responses: [
            Self.response(Self.day(25), .koos(koos)),
            Self.response(Self.day(26), .koosJR(KOOSJRScore(raw: 7, score: 68.284))),
            Self.response(Self.day(26), .lefs(LEFSScore(score: 52))),
            Self.response(Self.day(27), .nprs(NPRSScore(score: 3))),
        ])
        let scores = rows.filter { $0["kind"] == "score" }
        #expect(
            scores.map { $0["item"] ?? "" } == [
                "koos.pain", "koos.symptoms", "koos.adl", "koos.sport", "koos.qol", "koos-jr.score", "koos-jr.raw",
                "lefs.score", "nprs.score",
            ])
        let sport = try #require(scores.first { $0["item"] == "koos.sport" })
        #expect(sport["value"] == "" && sport["detail"] == "response 1; not scored")
        #expect(scores.first { $0["item"] == "koos.pain" }?["value"] == "86.11111")
        #expect(scores.first { $0["item"] == "koos-jr.score" }?["unit"] == "0-100")
        #expect(scores.first { $0["item"] == "lefs.score" }?["unit"] == "0-80")
        #expect(scores.first { $0["item"] == "nprs.score" }?["detail"] == "response 4")
    }

    @Test func anEmptyRecordIsTheHeaderAlone() throws {
        let record = PatientRecord(surgery: Surgery(kind: .medialKneePain, side: .left, date: RecordBuilder.day0))
        let text = CSVExport.patientTable(record: record, checkIns: [], measurements: [], responses: [])
        #expect(text == "date,kind,item,side,value,unit,method,detail\r\n")
    }

    @Test func everyLineEndsInCRLFOutsideQuotedFields() throws {
        let note = "line one\nline two\r\nline three"
        let measurement = RehabCore.Measurement(
            date: Self.day(3), kind: .kneeFlexion, side: .right, value: 90, note: note)
        let (text, _, rows) = try Self.table(measurements: [Self.storedMeasurement(measurement)])
        #expect(rows.first { $0["kind"] == "measurement" }?["detail"] == note)
        // Outside quotes, every LF follows a CR (the reader refuses anything else); the text has no BOM.
        #expect(!text.hasPrefix("\u{FEFF}"))
        #expect(text.utf8.count > 0)
    }
}
