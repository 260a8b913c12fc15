import Foundation
import Hummingbird
import RehabCore

/// The patient's own progress: pain trend, knee bend, adherence calendar and questionnaire scores.
struct ProgressPages {
    let context: PageContext

    struct ProgressPage {
        let chrome: Chrome
        let charts: [String]
        let sessions: Int
        /// "12 sessions so far."
        let lead: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("progress") { _, requestContext in
            let (identity, patient) = try context.patient(requestContext)
            let actor = context.actor(identity, requestContext)
            let record = try await context.services.store.record(of: patient.id, by: actor)
            let responses = try await context.services.store.questionnaireResponses(of: patient.id, by: actor)
            let words = context.words(identity)
            let model = ProgressPage(
                chrome: context.chrome(words["progress_title"], identity),
                charts: ProgressCharts.make(
                    record: record, responses: responses, today: context.configuration.today, words: words),
                sessions: record.sessions.count,
                lead: words("progress_lead", ["count": "\(record.sessions.count)"]))
            return context.pages.page("progress", model)
        }
    }
}
