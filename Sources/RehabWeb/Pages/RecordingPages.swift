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
        /// True when the recording gave no measure at all (e.g. the patient was not in the picture).
        let nothing: Bool
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
            let name = name(of: exercise, identity)
            let upload = try await Self.upload(request, requestContext)
            guard TokenHash.constantTimeEqual(upload.csrf, identity.session.formToken) else { throw WebError.badCSRF }
            do {
                let (result, outcome) = try await RecordingAnalysis.store(
                    Data(upload.file.utf8), exercise: exercise, for: patient,
                    today: context.configuration.today, services: context.services,
                    by: context.actor(identity, requestContext))
                let stored = (outcome.created ?? []).map(\.measurement)
                return context.pages.page("recording", page(identity, name, result.rounded(), stored))
            } catch let error as InvalidInput {
                // Whatever part of the document was wrong, the patient is told about the file they chose.
                let failure = WebError(
                    .unprocessableContent, code: "invalid-field", message: "\(error.field) \(error.problem)",
                    field: "file")
                let words = context.words(identity)
                let detail = context.pages.strings.message(of: failure, identity.language)
                return failurePage(
                    identity, name, words("recording_error_file", ["detail": detail]), .unprocessableContent)
            }
        }
    }

    /// The exercise's name in the patient's language.
    private func name(of exercise: MotionExercise, _ identity: Identity) -> String {
        context.catalog(identity).exercise(ExerciseID(rawValue: exercise.rawValue))?.name ?? exercise.rawValue
    }

    /// The page of an upload that measured nothing, with what went wrong.
    private func failurePage(
        _ identity: Identity, _ name: String, _ message: String, _ status: HTTPResponse.Status
    ) -> Response {
        let words = context.words(identity)
        let model = ResultPage(
            chrome: context.chrome(words("recording_title_failed", ["name": name]), identity), exercise: name,
            measures: [], stored: [], cautions: [], nothing: false, error: message)
        return context.pages.page("recording", model, status: status)
    }

    /// A phone video: written straight to a private file, read by the pose worker and removed, measured; only the
    /// measures are kept.
    private func video(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        let (identity, patient) = try context.patient(requestContext)
        guard let exercise = requestContext.parameters.get("exercise").flatMap(MotionExercise.init(rawValue:)) else {
            throw WebError.notFound
        }
        let name = name(of: exercise, identity)
        guard let videos = context.videos, await videos.isReady else {
            let message = context.words(identity)["recording_video_off"]
            return failurePage(identity, name, message, .serviceUnavailable)
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
                return context.pages.page("recording", page(identity, name, outcome.result.rounded(), stored))
            }
        } catch let error as WebError where error.field == "video" {
            return failurePage(
                identity, name, Self.problem(error, context.pages.strings, identity.language), error.status)
        }
    }

    /// What went wrong with a video, in the patient's words: by its code (the pose worker's refusal), else by
    /// the field.
    static func problem(_ error: WebError, _ strings: PageStrings, _ language: Language) -> String {
        // The upload limit shares its code with every oversized body; for a video it has its own words.
        var error = error
        if error.code == "too-large" {
            error = WebError(error.status, code: "video-too-large", message: error.message, field: error.field)
        }
        return strings.message(of: error, language, codeFirst: true)
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
        _ identity: Identity, _ name: String, _ result: MotionResult, _ stored: [RehabCore.Measurement]
    ) -> ResultPage {
        let words = context.words(identity)
        let motion = MotionWords(words: words)
        var measures: [Line] = []
        func add(_ key: String, _ value: Double?, _ unit: String, _ measure: ConfidenceMeasure? = nil) {
            guard let value else { return }
            let caption = measure.flatMap { result.confidence(of: $0) }.map(motion.caption)
            measures.append(
                Line(
                    name: words[key], value: "\(QuestionnairePages.number(value))\(unit)",
                    caption: caption.flatMap { $0.isEmpty ? nil : $0 }))
        }
        if let reps = result.reps { measures.append(Line(name: words["recording_reps"], value: "\(reps)")) }
        add("recording_most_bend", result.kneeFlexion?.max, "°", .kneeFlexion)
        add("recording_straightest", result.kneeFlexion?.min, "°", .kneeFlexion)
        add("recording_longest_hold", result.holdSeconds, " s")
        add("recording_valgus", result.valgusDegrees, "°", .valgusDegrees)
        add("recording_balance", result.balanceSeconds, " s")
        let cautions = result.confidence.filter { $0.level == .withheld }.map {
            "\(motion.name($0.measure)): \(motion.caption($0))"
        }
        return ResultPage(
            chrome: context.chrome(words("recording_title", ["name": name]), identity), exercise: name,
            measures: measures,
            stored: stored.map {
                Line(name: words["measurement_kind_\($0.kind.rawValue)"], value: QuestionnairePages.number($0.value))
            },
            cautions: cautions, nothing: measures.isEmpty && cautions.isEmpty, error: nil)
    }
}
