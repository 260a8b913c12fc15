import Foundation
import RehabCore
import RehabTesting
import Testing

/// Golden tests of the fridge printout: the expected text lives in `Golden/`; set UPDATE_GOLDEN=1 to rewrite it
/// after a deliberate change, then read the diff before committing.
@Suite struct PlanPrintoutTests {
    let catalog = Catalog.bundled
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ text: String, against name: String) throws {
        let file = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "printout differs from \(name)")
    }

    @Test func planPrintoutForAKneeReplacementOnDay24() throws {
        let surgery = Surgery(kind: .totalKneeReplacement, side: .left, date: CalendarDate.literal("2026-11-01"))
        let plan = try PlanEngine(catalog: catalog).plan(for: surgery, on: CalendarDate.literal("2026-11-25"))
        let text = PlanPrintout(plan: plan, catalog: catalog).text
        try check(text, against: "plan-tkr-day24.txt")
        #expect(text.hasPrefix("YOUR KNEE PROGRAM FOR WEDNESDAY 25 NOVEMBER 2026"))
    }

    @Test func reviewPrintoutShowsChangesAndAlerts() throws {
        let builder = RecordBuilder(.aclReconstruction, side: .right)
            .did("quad-set", step: 1, day: 5, pain: 7, .hard).did("quad-set", step: 1, day: 6, pain: 6, .hard)
            .checkIn(day: 7, painMorning: 3, swelling: .mild)
        let plan = try PlanEngine(catalog: catalog).review(builder.record, on: builder.date(7))
        let text = PlanPrintout(plan: plan, catalog: catalog).text
        try check(text, against: "review-aclr-day7.txt")
        #expect(text.contains("FOR YOUR CARE TEAM"))
    }

    @Test(arguments: [
        (Dose(sets: 3, reps: 10, holdSeconds: 5, timesPerDay: 2), "3 sets of 10, hold 5 seconds, twice a day"),
        (Dose(durationMinutes: 10), "10 minutes"),
        (Dose(sets: 1, reps: 12, stepHeightCm: 15, daysPerWeek: 4), "1 set of 12, on a 15 cm step, 4 days a week"),
        (Dose(sets: 3, reps: 10, loadKg: 1.5), "3 sets of 10, with a 1.5 kg ankle weight"),
    ])
    func dosesReadAsPlainWords(_ dose: Dose, _ text: String) {
        #expect(dose.plainText == text)
    }
}
