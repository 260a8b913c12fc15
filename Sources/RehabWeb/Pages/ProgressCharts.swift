import Foundation
import RehabCore

/// The progress charts a patient and their clinician both see, drawn on the server from the record.
enum ProgressCharts {
    /// Weeks shown on the adherence calendar.
    static let calendarWeeks = 6

    /// HTML fragments: pain after sessions, knee bend, adherence calendar, and each questionnaire's scores.
    static func make(record: PatientRecord, responses: [QuestionnaireResponse], today: CalendarDate) -> [String] {
        let side = record.surgery.side
        let pain = record.sessions.compactMap { session in
            session.painAfter.map { ChartPoint(date: session.date, value: Double($0)) }
        }
        let flexion = record.measurements.filter { $0.kind == .kneeFlexion && $0.side == side }
            .map { ChartPoint(date: $0.date, value: $0.value) }
        let extensionDeficit = record.measurements.filter { $0.kind == .kneeExtension && $0.side == side }
            .map { ChartPoint(date: $0.date, value: $0.value) }
        let start = max(record.surgery.date, today.adding(days: -(calendarWeeks * 7 - 1)))
        var charts = [
            Charts.line(
                id: "pain", title: "Pain after exercise",
                summary: "Pain from 0 (none) to 10 (worst) just after each session. 0 to 2 is the safe zone.",
                points: pain, yDomain: 0...10, unit: "", goodBand: 0...2),
            Charts.line(
                id: "flexion", title: "Knee bend (flexion)",
                summary: "How far the knee bends, in degrees. Higher is better.", points: flexion, yDomain: 0...150,
                unit: "°"),
            Charts.calendar(
                id: "adherence", title: "Days with a session", from: start, to: today,
                done: Set(record.sessions.map(\.date))),
        ]
        if !extensionDeficit.isEmpty {
            charts.append(
                Charts.line(
                    id: "extension", title: "Knee straightening (extension deficit)",
                    summary: "Degrees short of a straight knee. 0 is fully straight; lower is better.",
                    points: extensionDeficit, yDomain: -10...30, unit: "°", goal: 0))
        }
        for instrument in Instrument.allCases {
            let points = responses.filter { $0.instrument == instrument }.compactMap { response in
                response.score.scales.first?.value.map { ChartPoint(date: response.date, value: $0) }
            }
            guard !points.isEmpty else { continue }
            let top: Double = instrument == .lefs ? 80 : (instrument == .nprs ? 10 : 100)
            charts.append(
                Charts.line(
                    id: "score-\(instrument.rawValue)", title: instrument.title,
                    summary: scoreSummary(instrument), points: points, yDomain: 0...top, unit: ""))
        }
        return charts
    }

    private static func scoreSummary(_ instrument: Instrument) -> String {
        switch instrument {
        case .nprs: "Pain rating from 0 to 10; lower is better."
        case .koos: "KOOS pain subscale from 0 to 100; higher is better."
        case .koosJR: "KOOS JR score from 0 to 100; higher is better."
        case .lefs: "LEFS score from 0 to 80; higher is better."
        case .ikdc: "IKDC score from 0 to 100; higher is better."
        }
    }
}
