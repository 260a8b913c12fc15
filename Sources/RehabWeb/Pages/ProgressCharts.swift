import Foundation
import RehabCore

/// The progress charts a patient and their clinician both see, drawn on the server from the record.
enum ProgressCharts {
    /// Weeks shown on the adherence calendar.
    static let calendarWeeks = 6

    /// HTML fragments: pain after sessions, knee bend, adherence calendar, and each questionnaire's scores.
    /// The words are `words`' (English by default, as on the clinician's pages).
    static func make(
        record: PatientRecord, responses: [QuestionnaireResponse], today: CalendarDate, words: Words = .english
    ) -> [String] {
        Charts.$words.withValue(words) { drawn(record: record, responses: responses, today: today, words: words) }
    }

    private static func drawn(
        record: PatientRecord, responses: [QuestionnaireResponse], today: CalendarDate, words: Words
    ) -> [String] {
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
                id: "pain", title: words["progress_pain"], summary: words["progress_pain_summary"],
                points: pain, yDomain: 0...10, unit: "", goodBand: 0...2),
            Charts.line(
                id: "flexion", title: words["progress_flexion"], summary: words["progress_flexion_summary"],
                points: flexion, yDomain: 0...150,
                unit: "°"),
            Charts.calendar(
                id: "adherence", title: words["progress_adherence"], from: start, to: today,
                done: Set(record.sessions.map(\.date))),
        ]
        if !extensionDeficit.isEmpty {
            charts.append(
                Charts.line(
                    id: "extension", title: words["progress_extension"], summary: words["progress_extension_summary"],
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
                    id: "score-\(instrument.rawValue)", title: QuestionnairePages.title(instrument, words),
                    summary: words["progress_score_\(instrument.rawValue)"], points: points, yDomain: 0...top,
                    unit: ""))
        }
        return charts
    }
}
