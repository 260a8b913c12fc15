import Foundation
import Hummingbird
import RehabAuth
import RehabCore
import RehabForms
import RehabMotion

/// A keypoint recording or a phone video uploaded from an exercise card on the patient's today page (a plain
/// multipart form, no JavaScript): analysed, its measures stored in the record, and shown in words with how sure
/// each is.
struct RecordingPages {
    let context: PageContext

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
        var caption: String? = nil
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("videos/:exercise") { request, requestContext in try await video(request, requestContext) }
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

    /// A phone video: written straight to a private file, read by the pose worker and removed, measured; only the
    /// measures are kept.
    private func video(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let (identity, patient) = try context.patient(requestContext)
        guard let exercise = requestContext.parameters.get("exercise").flatMap(MotionExercise.init(rawValue:)) else {
            throw WebError.notFound
        }
        let name = context.services.catalog.exercise(ExerciseID(rawValue: exercise.rawValue))?.name ?? exercise.rawValue
        func failure(_ message: String, _ status: HTTPResponse.Status) -> Response {
            let model = ResultPage(
                chrome: context.chrome("Measuring \(name)", identity), exercise: name, measures: [], stored: [],
                cautions: [], error: message)
            return context.pages.page("recording", model, status: status)
        }
        guard let videos = context.videos, await videos.isReady else {
            return failure("Measuring videos is not set up on this server.", .serviceUnavailable)
        }
        guard let type = request.headers[.contentType], let boundary = MultipartForm.boundary(contentType: type) else {
            throw WebError.invalid("video", "must be sent as a file upload form")
        }
        let actor = context.actor(identity, requestContext)
        let today = context.configuration.today
        do {
            return try await videos.withVideoFile(for: patient.id) { file in
                let fields = try await VideoAnalysis.saveForm(request.body, boundary: boundary, to: file)
                guard TokenHash.constantTimeEqual(fields["csrf"] ?? "", identity.session.formToken) else {
                    throw WebError.badCSRF
                }
                let outcome = try await videos.measure(
                    file, exercise: exercise, for: patient, today: today, services: context.services, by: actor,
                    respond: { _, _ in StoredResponse(status: 201, body: Data()) })
                let stored = (outcome.write.created ?? []).map(\.measurement)
                return context.pages.page(
                    "recording", page(identity, name, outcome.result.rounded(), stored, error: nil))
            }
        } catch let error as WebError where error.field == "video" {
            return failure(error.message, error.status)
        }
    }

    /// The multipart body, up to the recording size limit.
    static func upload(_ request: Request, _ requestContext: AppRequestContext) async throws -> MultipartForm.FileUpload
    {
        guard let type = request.headers[.contentType], let boundary = MultipartForm.boundary(contentType: type) else {
            throw WebError.invalid("file", "must be sent as a file upload form")
        }
        let data = try await RequestBody.data(
            request, context: requestContext, limit: RecordingAnalysis.maximumBytes, json: false)
        guard let upload = MultipartForm.fileUpload([UInt8](data), boundary: boundary) else {
            throw WebError.invalid("file", "is missing or the form could not be read")
        }
        return upload
    }

    private func page(
        _ identity: Identity, _ name: String, _ result: MotionResult, _ stored: [RehabCore.Measurement],
        error: String?
    ) -> ResultPage {
        var measures: [Line] = []
        func add(_ label: String, _ value: Double?, _ unit: String, _ measure: ConfidenceMeasure? = nil) {
            guard let value else { return }
            measures.append(
                Line(
                    name: label, value: "\(QuestionnairePages.number(value))\(unit)",
                    caption: measure.flatMap { result.confidence(of: $0)?.caption }.flatMap { $0.isEmpty ? nil : $0 }))
        }
        if let reps = result.reps { measures.append(Line(name: "Repetitions", value: "\(reps)")) }
        add("Most knee bend", result.kneeFlexion?.max, "°", .kneeFlexion)
        add("Straightest knee", result.kneeFlexion?.min, "°", .kneeFlexion)
        add("Longest hold", result.holdSeconds, " s")
        add("Knee moving inward (valgus)", result.valgusDegrees, "°", .valgusDegrees)
        add("Balance time", result.balanceSeconds, " s")
        return ResultPage(
            chrome: context.chrome("Measured: \(name)", identity), exercise: name, measures: measures,
            stored: stored.map {
                Line(
                    name: $0.kind.rawValue.replacingOccurrences(of: "-", with: " "),
                    value: QuestionnairePages.number($0.value))
            },
            cautions: result.confidence.filter { $0.level == .withheld }.map {
                "\($0.measure.plainName): \($0.caption)"
            }, error: error)
    }
}
