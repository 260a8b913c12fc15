import Foundation
import RehabCore
import RehabInterop
import Testing

/// The clinic's RTM month as CSV and as the CONTRACT's JSON row.
struct RTMMonthRowTests {
    /// A supply period as the core computes it (built from its JSON, the core's own shape).
    static func period(_ start: String, _ end: String, days: Int, code: String?) throws -> RTM.SupplyPeriod {
        let codeJSON = code.map { "\"\($0)\"" } ?? "null"
        let json = #"{"start":"\#(start)","end":"\#(end)","daysWithData":\#(days),"code":\#(codeJSON)}"#
        return try JSONDecoder().decode(RTM.SupplyPeriod.self, from: Data(json.utf8))
    }

    static func days(from start: String, count: Int) -> [CalendarDate] {
        guard let first = CalendarDate(iso: start) else { return [] }
        return (0..<count).map { first.adding(days: $0) }
    }

    static func rows() throws -> [RTMMonthRow] {
        [
            RTMMonthRow(
                month: "2026-11", patientID: .generate(), patientName: "Ana García, \"Anita\"",
                setUpDate: CalendarDate(iso: "2026-10-20"),
                supplyPeriod: try period("2026-11-19", "2026-12-18", days: 16, code: "98977"),
                dataDays: days(from: "2026-11-19", count: 16), minutes: 45, interactiveExchanges: 2,
                managementCodes: ["98980", "98981"]),
            RTMMonthRow(
                month: "2026-11", patientID: .generate(), patientName: "=cmd|' /C calc'!A0",
                setUpDate: CalendarDate(iso: "2026-11-10"),
                supplyPeriod: try period("2026-11-10", "2026-12-09", days: 3, code: "98985"),
                dataDays: days(from: "2026-11-10", count: 3), minutes: 12, interactiveExchanges: 1,
                managementCodes: ["98979"]),
            RTMMonthRow(
                month: "2026-11", patientID: .generate(), patientName: "Bo", setUpDate: nil,
                supplyPeriod: try period("2026-11-01", "2026-11-30", days: 1, code: nil),
                dataDays: days(from: "2026-11-01", count: 1), minutes: 15, interactiveExchanges: 0, managementCodes: []),
        ]
    }

    @Test func columnsAreTheContractRowFlattened() throws {
        let rows = try Self.rows()
        let text = CSVExport.rtmMonth(rows)
        let (header, records) = try CSVReader.table(text)
        #expect(header == CSVExport.rtmColumns)
        #expect(
            header == [
                "month", "patientId", "patientName", "setUpDate", "supplyPeriod.start", "supplyPeriod.end",
                "supplyPeriod.daysWithData", "supplyPeriod.code", "dataDays", "minutes", "interactive",
                "interactiveExchanges", "managementCodes",
            ])
        #expect(records.count == 3)
        let full = records[0]
        #expect(full["patientId"] == rows[0].patientID.description)
        #expect(full["patientName"] == "Ana García, \"Anita\"")
        #expect(full["supplyPeriod.code"] == "98977" && full["supplyPeriod.daysWithData"] == "16")
        #expect(full["supplyPeriod.start"] == "2026-11-19" && full["supplyPeriod.end"] == "2026-12-18")
        #expect(full["dataDays"]?.split(separator: " ").count == 16)
        #expect(full["managementCodes"] == "98980 98981")
        #expect(full["interactive"] == "true" && full["interactiveExchanges"] == "2" && full["minutes"] == "45")
        let short = records[1]
        #expect(short["supplyPeriod.code"] == "98985" && short["managementCodes"] == "98979")
        #expect(short["patientName"] == "'=cmd|' /C calc'!A0")
        let none = records[2]
        #expect(none["supplyPeriod.code"] == "" && none["managementCodes"] == "" && none["setUpDate"] == "")
        #expect(none["interactive"] == "false")
    }

    @Test func anEmptyMonthIsTheHeaderAlone() {
        #expect(CSVExport.rtmMonth([]) == CSVExport.rtmColumns.joined(separator: ",") + "\r\n")
    }

    @Test func jsonIsTheContractRowAndReadsBack() throws {
        let rows = try Self.rows()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(rows[2])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["patientId"] as? String == rows[2].patientID.description)
        #expect(object["minutes"] as? Int == 15)
        #expect(object["interactive"] as? Bool == false)
        #expect(object["managementCodes"] as? [String] == [])
        let period = try #require(object["supplyPeriod"] as? [String: Any])
        #expect(period["start"] as? String == "2026-11-01" && period["end"] as? String == "2026-11-30")
        #expect(period["daysWithData"] as? Int == 1)
        #expect(period["code"] is NSNull)
        #expect(object["setUpDate"] is NSNull)
        for row in rows {
            #expect(try JSONDecoder().decode(RTMMonthRow.self, from: encoder.encode(row)) == row)
        }
    }

    @Test func anInteractiveFlagWithoutACountReadsAsOneExchange() throws {
        let json = #"""
            {"month":"2026-11","patientId":"6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b","patientName":"Bo",
             "supplyPeriod":{"start":"2026-11-01","end":"2026-11-30","daysWithData":2,"code":"98985"},
             "minutes":12,"interactive":true,"managementCodes":["98979"]}
            """#
        let row = try JSONDecoder().decode(RTMMonthRow.self, from: Data(json.utf8))
        #expect(row.interactive && row.interactiveExchanges == 1 && row.dataDays.isEmpty && row.setUpDate == nil)
    }
}
