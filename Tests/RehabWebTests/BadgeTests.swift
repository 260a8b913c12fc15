import Foundation
import RehabCore
import Testing

@testable import RehabWeb

/// The clinician list's badges, from the row's columns and the patient's open alerts.
struct BadgeTests {
    static let summary = PatientSummary(
        id: .generate(), name: "P",
        surgery: Surgery(kind: .meniscusRepair, side: .left, date: .init(dayNumber: 20_000)),
        openAlerts: 0, latestPain: 2, sessionDaysInWindow: 14, adherencePercent: 100, lastSessionDate: nil)

    static func alert(_ level: String, _ rule: String) -> StoredAlert {
        StoredAlert(
            id: .generate(), patientID: summary.id, level: level, rule: rule, message: "m", raisedAt: Date())
    }

    @Test(arguments: [
        ([alert("emergency", "chest-pain")], [Badge.redFlag]),
        ([alert("info", "phase-gate-met")], [.phaseGateMet]),
        ([alert("info", "range-of-motion-behind")], [.rangeBehind]),
        ([alert("contact-clinician", "pain-red-repeated")], [.painRising]),
        ([alert("contact-clinician", "missed-sessions")], [.alert]),
        ([], []),
    ])
    func alertsBecomeTheirBadges(_ alerts: [StoredAlert], _ expected: [Badge]) {
        #expect(Badge.of(Self.summary, openAlerts: alerts, settings: Catalog.bundled.progression) == expected)
    }

    @Test func redZonePainAndLowAdherenceComeFromTheRow() throws {
        let settings = Catalog.bundled.progression
        let red = try #require((0...10).first { settings.zone(ofPain: $0) == .red })
        var row = Self.summary
        row.latestPain = red
        row.adherencePercent = 79
        #expect(Badge.of(row, openAlerts: [], settings: Catalog.bundled.progression) == [.painRising, .lowAdherence])
        row.latestPain = red - 1
        row.adherencePercent = 80
        #expect(Badge.of(row, openAlerts: [], settings: Catalog.bundled.progression).isEmpty)
    }
}
