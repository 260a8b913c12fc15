import Foundation
import Hummingbird
import MultipartKit
import RehabAuth
import RehabCore
import RehabMotion

/// A keypoint recording uploaded from an exercise card on the patient's today page (a plain multipart form, no
/// JavaScript): analysed, its measures stored in the record, and shown in words.
struct RecordingPages {
    let context: PageContext

    struct Upload: Decodable {
        let csrf: String
        let file: String
    }

    struct ResultPage {
        let chrome: Chrome
        let exercise: String
        let measures: [Line]
        let stored: [Line]
        let cautions: [String]
        let error: String?
    }

    struct Line {
        let name: String
        let value: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("recordings/:exercise") { request, requestContext in
            let (identity, patient) = try context.patient(requestContext)
            guard let exercise = requestContext.parameters.get("exercise").flatMap(MotionExercise.init(rawValue:))
            else { throw WebError.notFound }
            let name =
                context.services.catalog.exercise(ExerciseID(rawValue: exercise.rawValue))?.name
                ?? exercise.rawValue
            let upload = try await Self.upload(request, requestContext)
            guard TokenHash.constantTimeEqual(upload.csrf, identity.session.formToken) else { throw WebError.badCSRF }
            do {
                let (result, outcome) = try await RecordingAnalysis.store(
                    Data(upload.file.utf8), exercise: exercise, for: patient,
                    today: context.configuration.today, services: context.services,
                    by: context.actor(identity, requestContext))
                let stored = (outcome.created ?? []).map(\.measurement)
                return context.pages.page("recording", page(identity, name, result.rounded(), stored, error: nil))
            } catch let error as InvalidInput {
                let model = ResultPage(
                    chrome: context.chrome("Measuring \(name)", identity), exercise: name, measures: [], stored: [],
                    cautions: [], error: "The file could not be measured: \(error.field) \(error.problem).")
                return context.pages.page("recording", model, status: .unprocessableContent)
            }
        }
    }

    /// The multipart body, up to the recording size limit.
    static func upload(_ request: Request, _ requestContext: AppRequestContext) async throws -> Upload {
        guard let type = request.headers[.contentType], let range = type.range(of: "boundary=") else {
            throw WebError.invalid("file", "must be sent as a file upload form")
        }
        let boundary = String(type[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let data = try await RequestBody.data(
            request, context: requestContext, limit: RecordingAnalysis.maximumBytes, json: false)
        do {
            return try FormDataDecoder().decode(Upload.self, from: [UInt8](data), boundary: boundary)
        } catch {
            throw WebError.invalid("file", "is missing or the form could not be read")
        }
    }

    private func page(
        _ identity: Identity, _ name: String, _ result: MotionResult, _ stored: [RehabCore.Measurement],
        error: String?
    ) -> ResultPage {
        var measures: [Line] = []
        func add(_ label: String, _ value: Double?, _ unit: String) {
            if let value { measures.append(Line(name: label, value: "\(QuestionnairePages.number(value))\(unit)")) }
        }
        if let reps = result.reps { measures.append(Line(name: "Repetitions", value: "\(reps)")) }
        add("Most knee bend", result.kneeFlexion?.max, "°")
        add("Straightest knee", result.kneeFlexion?.min, "°")
        add("Longest hold", result.holdSeconds, " s")
        add("Knee moving inward (valgus)", result.valgusDegrees, "°")
        add("Balance time", result.balanceSeconds, " s")
        return ResultPage(
            chrome: context.chrome("Measured: \(name)", identity), exercise: name, measures: measures,
            stored: stored.map {
                Line(
                    name: $0.kind.rawValue.replacingOccurrences(of: "-", with: " "),
                    value: QuestionnairePages.number($0.value))
            },
            cautions: result.lowConfidence.map { "\($0.measure): \($0.reason)" }, error: error)
    }
}
