import Foundation
import RehabCore

/// The printable progress summary of a patient, and their discharge summary once discharged: the parts of
/// `ProgressSummary` in words, from the start of care to the discharge (or today).
struct SummaryPage {
    struct Line {
        let name: String
        let value: String
    }

    let chrome: Chrome
    var title: String
    let name: String
    let pathway: String
    let surgery: String
    let from: String
    let to: String
    let discharge: String?
    let attendance: String
    let pain: String
    let motion: [Line]
    let scores: [Line]
    let hasScores: Bool
    let phase: String
    let alerts: String
    let changes: [Line]
    let hasChanges: Bool
    let goingForward: [Line]
    let notice: String
    /// The charts of the clinician's page, for the progress report.
    var charts: [String] = []
    /// Links to the PDF and other ranges, on the report.
    var pdfLink: String? = nil

    init(chrome: Chrome, overview: PatientOverview, summary: ProgressSummary, catalog: Catalog) {
        let patient = overview.patient
        let measures = catalog.measurements
        self.chrome = chrome
        title = patient.discharge == nil ? "Progress summary" : "Discharge summary"
        name = patient.name
        pathway = ClinicPages.pathway(patient.surgery, catalog: catalog)
        surgery = "\(patient.surgery.side.rawValue) knee, \(patient.surgery.date)"
        from = summary.from.description
        to = summary.to.description
        discharge = patient.discharge.map {
            "Discharged on \($0.date): \($0.reason.label)." + ($0.note.map { " \($0)" } ?? "")
        }
        attendance =
            "\(summary.sessions) sessions on \(summary.sessionDays) days"
            + (summary.attendancePercent.map { " (\($0)% of the \(summary.sessionsExpected) the protocol asked for)" }
                ?? "")
        func pain(_ value: Double?) -> String { value.map { String(format: "%.1f/10", $0) } ?? "no sessions" }
        self.pain =
            "Mean pain after sessions: first week \(pain(summary.painFirstWeek)), last week \(pain(summary.painLastWeek))"
        motion = summary.rangeOfMotion.map { line in
            let spec = measures.spec(line.kind)
            func reading(_ m: RehabCore.Measurement?) -> String {
                m.map { "\(spec.format($0.value)) on \($0.date)" } ?? "not measured"
            }
            let target =
                line.target.map {
                    "; the protocol's target \(line.kind == .kneeFlexion ? "at least" : "at most") \(spec.format($0))"
                } ?? ""
            return Line(name: spec.name, value: "first \(reading(line.first)), latest \(reading(line.latest))\(target)")
        }
        scores = summary.scores.map { change in
            let verdict = change.meaningful ? "a meaningful change" : "less than a meaningful change"
            let title = change.scale == "score" ? change.instrument.title : "\(change.instrument.title) \(change.scale)"
            return Line(
                name: title,
                value: "\(QuestionnairePages.number(change.baseline)) → \(QuestionnairePages.number(change.followUp)) "
                    + "(\(change.direction.rawValue), \(verdict); threshold \(QuestionnairePages.number(change.threshold.points)) points)"
            )
        }
        hasScores = !scores.isEmpty
        phase = summary.phase.name
        let levels = summary.alertsByLevel.map { "\($0.count) \($0.level.rawValue)" }.joined(separator: ", ")
        alerts =
            summary.alertsRaised == 0
            ? "No alerts." : "\(summary.alertsRaised) raised (\(levels)); \(summary.alertsAcknowledged) acknowledged."
        changes = summary.planChanges.map {
            Line(name: "\($0.effectiveDate) · \(ClinicPages.author($0.author))", value: $0.reason)
        }
        hasChanges = !changes.isEmpty
        goingForward = summary.goingForward.map { Line(name: $0.name, value: DoseText.of($0, words: .english)) }
        notice = Plan.notice
    }
}
