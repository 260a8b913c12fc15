import Foundation
import RehabCore

/// A time-log entry as the API shows it.
struct TimeEntryDocument: Encodable {
    let id: TimeEntryID
    let date: CalendarDate
    let minutes: Int
    let activity: TimeActivity
    let interactive: Bool
    let note: String?
    let clinicianId: AccountID?
    let loggedAt: Date

    init(_ stored: StoredTimeEntry) {
        id = stored.id
        date = stored.entry.date
        minutes = stored.entry.minutes
        activity = stored.entry.activity
        interactive = stored.entry.interactive
        note = stored.entry.note
        clinicianId = stored.clinicianID
        loggedAt = stored.createdAt
    }
}

/// One patient's RTM month: CONTRACT.md's row, with the name, set-up day and the period's days with data.
struct RTMRowDocument: Encodable {
    let patientId: PatientID
    let patientName: String
    let setUpDate: CalendarDate
    let supplyPeriod: RTM.SupplyPeriod
    let dataDays: [CalendarDate]
    let minutes: Int
    let interactive: Bool
    let managementCodes: [String]

    init(_ row: RTM.MonthRow) {
        patientId = row.patientID
        patientName = row.patientName
        setUpDate = row.setUpDate
        supplyPeriod = row.supplyPeriod
        dataDays = row.dataDays
        minutes = row.minutes
        interactive = row.interactive
        managementCodes = row.managementCodes
    }
}
