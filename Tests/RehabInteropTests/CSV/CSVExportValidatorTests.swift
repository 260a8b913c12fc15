import Foundation
import RehabCore
import RehabInterop
import RehabTesting
import Testing

/// The CSV files read back by `tools/interop/validate_csv.py` with Python's csv module.
@Suite(.enabled(if: CSVCalendarValidator.python != nil, CSVCalendarValidator.skipReason))
struct CSVExportValidatorTests {
    @Test func exportsPassTheOutsideValidator() async throws {
        let note = "=1+1, \"quoted\";\nsecond line ñ 😀"
        let measurement = RehabCore.Measurement(
            date: CSVExportTests.day(30), kind: .kneeExtension, side: .right, value: -3, method: .goniometer, note: note
        )
        let checkIn = CheckIn(date: CSVExportTests.day(22), painAtRest: 4, temperatureCelsius: 38.4, woundRedness: true)
        let patient = CSVExport.patientTable(
            record: CSVExportTests.record, checkIns: [CSVExportTests.storedCheckIn(checkIn, CSVExportTests.fever)],
            measurements: [CSVExportTests.storedMeasurement(measurement)],
            responses: [CSVExportTests.response(CSVExportTests.day(25), .koosJR(KOOSJRScore(raw: 7, score: 68.284)))])
        let month = CSVExport.rtmMonth(try RTMMonthRowTests.rows())
        let (status, output) = try await CSVCalendarValidator.run(
            "validate_csv.py", documents: [("patient.csv", patient), ("rtm.csv", month)])
        #expect(output == "")
        #expect(status == 0)
    }

    @Test func theAuditTrailPassesTheOutsideValidator() async throws {
        let at = Date(timeIntervalSince1970: 1_795_608_000)
        let rows = [
            AuditTrailEntry(
                entry: AuditEntry(
                    accountID: .generate(), action: .recordRead, patientID: .generate(), at: at, origin: "10.0.0.1"),
                accountName: "=HYPERLINK(\"x\")", accountEmail: "ana@clinic.test", accountRole: .clinician,
                patientName: "Rosa Díaz, \"Rosi\""),
            AuditTrailEntry(
                entry: AuditEntry(
                    accountID: .generate(), action: .secondFactorRemove, patientID: nil, at: at - 30, origin: "cli",
                    subjectAccountID: .generate()),
                accountName: "Sam Lee", accountEmail: "sam@clinic.test", accountRole: .admin, patientName: nil,
                subjectEmail: "+ben@clinic.test"),
            AuditTrailEntry(
                entry: AuditEntry(accountID: nil, action: .alertRaise, patientID: nil, at: at - 60, origin: "cli"),
                accountName: nil, accountEmail: nil, accountRole: nil, patientName: nil),
        ]
        let text = CSVExport.auditTrail(rows)
        #expect(text.contains("'=HYPERLINK"), "a name that looks like a formula is defused")
        #expect(text.contains(",'+ben@clinic.test"), "so is the subject's e-mail")
        let (status, output) = try await CSVCalendarValidator.run("validate_csv.py", documents: [("audit.csv", text)])
        #expect(output == "")
        #expect(status == 0)
        let reversed = CSVExport.auditTrail(rows.reversed())
        let (badStatus, badOutput) = try await CSVCalendarValidator.run(
            "validate_csv.py", documents: [("audit.csv", reversed)])
        #expect(badStatus == 1 && badOutput.contains("not newest first"))
        let unpaired = text.replacingOccurrences(of: ",'+ben@clinic.test", with: ",")
        let (unpairedStatus, unpairedOutput) = try await CSVCalendarValidator.run(
            "validate_csv.py", documents: [("audit.csv", unpaired)])
        #expect(unpairedStatus == 1 && unpairedOutput.contains("come together"), "the validator sees a lone id")
    }

    @Test func theValidatorNamesWhatIsWrong() async throws {
        let broken = "date,kind,item,side,value,unit,method,detail\n2026-13-01,visit,x,middle,abc,deg,,\r\n"
        let (status, output) = try await CSVCalendarValidator.run(
            "validate_csv.py", documents: [("broken.csv", broken)])
        #expect(status == 1)
        for problem in ["bare LF", "not YYYY-MM-DD", "unknown kind", "unknown side", "is not a number"] {
            #expect(output.contains(problem), "\(problem)")
        }
    }
}
