import Foundation
import PropertyBased
import Testing

@testable import RehabCore

/// The clinician's worklist: danger first, case by case against the catalog's thresholds, and as invariants.
struct WorklistTests {
    static let policy = WorklistPolicy(Catalog.bundled.progression)
    static let surgery = Surgery(kind: .meniscusRepair, side: .left, date: .init(dayNumber: 20_000))

    static func row(
        _ name: String, alerts: Int = 0, pain: Int? = 1, days: Int = 14, adherence: Int = 100, last: Int? = 20_030
    ) -> PatientSummary {
        PatientSummary(
            id: .generate(), name: name, surgery: surgery, openAlerts: alerts, latestPain: pain,
            sessionDaysInWindow: days, adherencePercent: adherence, lastSessionDate: last.map(CalendarDate.init))
    }

    static func signal(_ level: AlertLevel, _ rule: String = "r") -> Worklist.AlertSignal {
        Worklist.AlertSignal(level: level, rule: rule)
    }

    static let painPause = signal(.contactClinician, AlertRule.painRedRepeated.rawValue)

    @Test func namesAndOrderAreFixed() {
        #expect(
            WorklistConcern.allCases.map(\.rawValue) == [
                "emergency", "urgent", "exercise-paused", "pain-rising", "contact-clinician", "phase-gate-met",
                "low-adherence", "none",
            ])
        #expect(WorklistConcern.allCases.sorted() == WorklistConcern.allCases)
        #expect(AlertLevel.allCases.map(\.rawValue) == ["emergency", "urgent", "contact-clinician", "info"])
        #expect(AlertRule.painRedRepeated.rawValue == "pain-red-repeated")
        #expect(AlertRule.phaseGateMet.rawValue == "phase-gate-met")
        #expect(
            WorklistBadge.allCases.map(\.rawValue) == [
                "red-flag", "pain-rising", "low-adherence", "range-of-motion-behind", "phase-gate-met", "open-alert",
            ])
    }

    @Test func theBundledThresholdsAreTheSourcesNumbers() {
        // Pain above 5/10 is red (pain-monitoring model); adherence below 80 % is low.
        #expect(!Self.policy.isRed(pain: 5) && Self.policy.isRed(pain: 6))
        #expect(Self.policy.isLow(adherencePercent: 79) && !Self.policy.isLow(adherencePercent: 80))
    }

    @Test(arguments: [
        ([signal(.emergency)], 0, 100, WorklistConcern.emergency),
        ([signal(.urgent), signal(.emergency)], 0, 100, .emergency),
        ([signal(.urgent)], 9, 0, .urgent),
        ([painPause, painPause], 9, 0, .exercisePaused),
        ([], 6, 0, .painRising),
        ([signal(.contactClinician, AlertRule.missedSessions.rawValue)], 0, 0, .contactClinician),
        ([signal(.info, AlertRule.phaseGateMet.rawValue)], 0, 0, .phaseGateMet),
        ([signal(.info, AlertRule.rangeOfMotionBehind.rawValue)], 0, 100, .none),
        ([], 5, 79, .lowAdherence),
        ([], 5, 80, .none),
    ])
    func theMostDangerousConcernPlacesThePatient(
        _ alerts: [Worklist.AlertSignal], _ pain: Int, _ adherence: Int, _ expected: WorklistConcern
    ) {
        let row = Self.row("P", alerts: alerts.count, pain: pain, adherence: adherence)
        #expect(Worklist.concern(of: row, openAlerts: alerts, policy: Self.policy) == expected)
    }

    @Test func oneUrgentAlertBeatsTwoPainAlerts() {
        let pained = Self.row("Ann", alerts: 2, pain: 8)
        let urgent = Self.row("Zoe", alerts: 1, pain: 0)
        let list = Worklist.ordered(
            [pained, urgent],
            openAlerts: [pained.id: [Self.painPause, Self.painPause], urgent.id: [Self.signal(.urgent)]],
            policy: Self.policy)
        #expect(list.map(\.id) == [urgent.id, pained.id])
        #expect(list.map(\.concern) == [.urgent, .exercisePaused])
    }

    @Test func tieBreakersFollowTheConcern() {
        let more = Self.row("B", alerts: 2, pain: 1)
        let fewer = Self.row("A", alerts: 1, pain: 1)
        let painful = Self.row("C", pain: 4)
        let noPain = Self.row("D", pain: nil)
        let lessAdherent = Self.row("E", pain: nil, days: 12, adherence: 85)
        let neverCame = Self.row("F", pain: nil, days: 12, adherence: 85, last: nil)
        let alerts = [
            more.id: [Self.signal(.contactClinician), Self.signal(.contactClinician)],
            fewer.id: [Self.signal(.contactClinician)],
        ]
        let list = Worklist.ordered(
            [noPain, lessAdherent, painful, fewer, neverCame, more], openAlerts: alerts, policy: Self.policy)
        #expect(list.map(\.name) == ["B", "A", "C", "F", "E", "D"])
    }

    @Test(arguments: [
        ([signal(.emergency, "chest-pain")], 1, 100, [WorklistBadge.redFlag]),
        ([signal(.info, AlertRule.phaseGateMet.rawValue)], 1, 100, [.phaseGateMet]),
        ([signal(.info, AlertRule.rangeOfMotionBehind.rawValue)], 1, 100, [.rangeBehind]),
        ([painPause], 1, 100, [.painRising]),
        ([signal(.contactClinician, AlertRule.missedSessions.rawValue)], 1, 100, [.alert]),
        ([], 6, 79, [.painRising, .lowAdherence]),
        ([], 5, 80, []),
    ])
    func badgesSayWhy(
        _ alerts: [Worklist.AlertSignal], _ pain: Int, _ adherence: Int, _ expected: [WorklistBadge]
    ) {
        let row = Self.row("P", alerts: alerts.count, pain: pain, adherence: adherence)
        #expect(Worklist.badges(of: row, openAlerts: alerts, policy: Self.policy) == expected)
    }

    /// Any list: a permutation of its rows, sorted by concern, every red flag above every patient without one, and
    /// a page is the slice of the whole.
    @Test func orderingInvariants() async {
        let levels = Gen.element(of: AlertLevel.allCases).map { $0 ?? .info }
        let rules = Gen.element(of: AlertRule.allCases.map(\.rawValue) + ["calf-pain-or-swelling"]).map { $0 ?? "r" }
        let alerts = zip(levels, rules).map { Worklist.AlertSignal(level: $0, rule: $1) }.array(of: 0...3)
        let patient = zip(
            alerts, Gen.int(in: 0...10).optional(), Gen.int(in: 0...14), Gen.int(in: 20_000...20_040).optional(),
            Gen.element(of: ["Ann", "Bo", "Cy"]).map { $0 ?? "" })
        let input = zip(patient.array(of: 0...12), Gen.int(in: 0...5), Gen.int(in: 0...6))
        await propertyCheck(input: input) { patients, offset, limit in
            var signals: [PatientID: [Worklist.AlertSignal]] = [:]
            let rows = patients.map { alerts, pain, days, last, name in
                let row = Self.row(
                    name, alerts: alerts.count, pain: pain, days: days, adherence: days * 100 / 14, last: last)
                signals[row.id] = alerts
                return row
            }
            let list = Worklist.ordered(rows, openAlerts: signals, policy: Self.policy)
            #expect(Set(list.map(\.id)) == Set(rows.map(\.id)) && list.count == rows.count)
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.concern <= $1.concern })
            let flagged = list.map { (signals[$0.id] ?? []).contains(where: \.level.isRedFlag) }
            #expect(flagged == flagged.sorted { $0 && !$1 }, "every red flag comes first")
            let page = Worklist.ordered(rows, openAlerts: signals, policy: Self.policy, offset: offset, limit: limit)
            #expect(page.map(\.id) == Array(list.dropFirst(offset).prefix(limit)).map(\.id))
        }
    }
}
