import Foundation
import RehabCore

/// CSV files for spreadsheets and statistics packages: one patient's whole history as one long table, and the
/// clinic's RTM month.
///
/// Both are RFC 4180 (CRLF line ends, fields quoted when they need it), UTF-8 without a byte order mark, with a
/// header record. The columns are described in docs/interop.md; they are part of the export's contract.
public enum CSVExport {
    /// The columns of `patientTable`, in order.
    public static let patientColumns = ["date", "kind", "item", "side", "value", "unit", "method", "detail"]

    /// The columns of `rtmMonth`, in order: the RTM month row of CONTRACT.md, flattened.
    public static let rtmColumns = [
        "month", "patientId", "patientName", "setUpDate", "supplyPeriod.start", "supplyPeriod.end",
        "supplyPeriod.daysWithData", "supplyPeriod.code", "dataDays", "minutes", "interactive",
        "interactiveExchanges", "managementCodes",
    ]

    /// One long, tidy table of everything a patient logged: one row per observation, oldest first, with columns
    /// `date, kind, item, side, value, unit, method, detail`.
    ///
    /// `kind` is `session`, `exercise`, `check-in`, `measurement` or `score`. Sessions and their exercises come
    /// from `record`. Check-ins come from `checkIns` (which carry their triage) and measurements from
    /// `measurements` (which carry method and note); the record's own lists stand in for either when it is
    /// empty, as for a record read from a file. Struck-out measurements are left out: they count for nothing.
    /// Scores come from `responses`. `measurementCatalog` gives each measurement kind's unit.
    public static func patientTable(
        record: PatientRecord, checkIns: [StoredCheckIn], measurements: [StoredMeasurement],
        responses: [QuestionnaireResponse], measurementCatalog: MeasurementCatalog = Catalog.bundled.measurements
    ) -> String {
        var rows = PatientRows(units: measurementCatalog)
        rows.add(sessions: record.sessions)
        if checkIns.isEmpty {
            rows.add(checkIns: record.checkIns.map { ($0, nil) })
        } else {
            rows.add(checkIns: checkIns.map { ($0.checkIn, $0.triage) })
        }
        if measurements.isEmpty {
            rows.add(measurements: record.measurements)
        } else {
            rows.add(measurements: measurements.filter { $0.strike == nil }.map(\.measurement))
        }
        rows.add(responses: responses)
        var table = CSVTable(columns: patientColumns)
        for row in rows.sorted() { table.append(row.fields) }
        return table.text
    }

    /// The clinic's RTM month: one row per patient, in the order given, with the columns of `rtmColumns`.
    ///
    /// Lists inside a field (`dataDays`, `managementCodes`) are separated by single spaces; a code the period
    /// does not reach is an empty field. The figures are what the software saw; the clinic decides what to bill.
    public static func rtmMonth(_ rows: [RTMMonthRow]) -> String {
        var table = CSVTable(columns: rtmColumns)
        for row in rows {
            table.append([
                row.month, row.patientID.description, CSVTable.defused(row.patientName),
                row.setUpDate?.description ?? "", row.supplyPeriod.start.description,
                row.supplyPeriod.end.description, String(row.supplyPeriod.daysWithData),
                row.supplyPeriod.code ?? "", row.dataDays.map(\.description).joined(separator: " "),
                String(row.minutes), row.interactive ? "true" : "false", String(row.interactiveExchanges),
                row.managementCodes.joined(separator: " "),
            ])
        }
        return table.text
    }

    /// The columns of `auditTrail`, in order.
    public static let auditColumns = [
        "at", "action", "accountId", "accountName", "accountEmail", "accountRole", "patientId", "patientName",
        "origin", "subjectAccountId", "subjectEmail",
    ]

    /// The audit trail an admin downloads: one row per entry, newest first, times in UTC (ISO 8601). Names are
    /// defused so a spreadsheet never runs one as a formula.
    public static func auditTrail(_ entries: [AuditTrailEntry]) -> String {
        var table = CSVTable(columns: auditColumns)
        for row in entries {
            table.append([
                ISO8601DateFormatter().string(from: row.entry.at), row.entry.action.rawValue,
                row.entry.accountID?.description ?? "", CSVTable.defused(row.accountName ?? ""),
                CSVTable.defused(row.accountEmail ?? ""), row.accountRole?.rawValue ?? "",
                row.entry.patientID?.description ?? "", CSVTable.defused(row.patientName ?? ""),
                CSVTable.defused(row.entry.origin), row.entry.subjectAccountID?.description ?? "",
                CSVTable.defused(row.subjectEmail ?? ""),
            ])
        }
        return table.text
    }
}
