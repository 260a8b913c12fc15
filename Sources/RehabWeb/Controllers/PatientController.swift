import Foundation
import Hummingbird
import RehabCore
import RehabJSON
import RehabMotion

/// The patient's API (`/api/v1/me/…`): their plan, and logging sessions, check-ins and questionnaires. Every
/// write honours `Idempotency-Key`; a rejected body stores nothing.
struct PatientController {
    /// The body of `PUT /api/v1/me/language` and its answer: `en`, `es`, or null to follow `Accept-Language`.
    struct LanguageChoice: Codable {
        let language: String?
        /// True when the body's `language` is missing or neither a string nor null.
        private var malformed = false

        private enum CodingKeys: String, CodingKey { case language }

        init(language: String?) { self.language = language }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if !container.contains(.language) {
                (language, malformed) = (nil, true)
            } else if try container.decodeNil(forKey: .language) {
                language = nil
            } else if let text = try? container.decode(String.self, forKey: .language) {
                language = text
            } else {
                (language, malformed) = (nil, true)
            }
        }

        /// The language, or 400 naming `language` for anything but `en`, `es` or null.
        func validated() throws -> Language? {
            let invalid = WebError(
                .badRequest, code: "invalid-field", message: "language must be one of en, es, or null",
                field: "language")
            guard !malformed else { throw invalid }
            guard let language else { return nil }
            guard let chosen = Language(rawValue: language) else { throw invalid }
            return chosen
        }

        /// Encodes `language` even when null, so the answer always names the field.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(language, forKey: .language)
        }
    }

    let services: RehabServices
    let configuration: WebConfiguration
    let videos: VideoAnalysis?
    /// The sign-in cache, forgotten for a session whose patient changed their language.
    var signedIn: SignedInCache? = nil

    struct SessionLogged: Encodable {
        struct Change: Encodable {
            let exercise: ExerciseID
            let change: DoseChange?
            let rule: String?
            let reason: String?
        }
        let id: SessionID
        let date: CalendarDate
        let planRevision: Int?
        let changes: [Change]

        init(id: SessionID, date: CalendarDate, planRevision: Int?, changes: [Change]) {
            self.id = id
            self.date = date
            self.planRevision = planRevision
            self.changes = changes
        }

        init(_ recorded: RecordedSession) {
            id = recorded.session.id
            date = recorded.session.session.date
            planRevision = recorded.revision?.number
            changes = (recorded.revision?.plan.exercises ?? []).filter { $0.change != .hold && $0.change != .start }
                .map { Change(exercise: $0.id, change: $0.change, rule: $0.rule, reason: $0.reason) }
        }

        /// The response body, written directly (every session write answers with one): the bytes
        /// `JSONResponse.encoder` writes, which a property test checks.
        var json: Data {
            var json = "{\"changes\":["
            for (index, change) in changes.enumerated() {
                json += index == 0 ? "{" : ",{"
                if let dose = change.change { json += "\"change\":\"\(dose.rawValue)\"," }
                json += "\"exercise\":"
                JSONText.append(change.exercise.rawValue, to: &json)
                if let reason = change.reason {
                    json += ",\"reason\":"
                    JSONText.append(reason, to: &json)
                }
                if let rule = change.rule {
                    json += ",\"rule\":"
                    JSONText.append(rule, to: &json)
                }
                json += "}"
            }
            json += "],\"date\":\"\(date)\",\"id\":\"\(id)\""
            if let planRevision { json += ",\"planRevision\":\(planRevision)" }
            return Data((json + "}").utf8)
        }
    }

    struct CheckInDocument: Encodable {
        let id: CheckInID
        let date: CalendarDate
        let level: TriageLevel
        let headline: String
        let reasons: [TriageReason]
        let alertRaised: Bool
    }

    struct QuestionnaireDocument: Encodable {
        let id: QuestionnaireResponseID
        let date: CalendarDate
        let instrument: String
        let score: QuestionnaireScore
    }

    struct RecordingStored: Encodable {
        let exercise: String
        let result: MotionResult
        let stored: [RehabCore.Measurement]
    }

    struct CalendarLink: Encodable {
        let url: String
    }

    struct VideoMeasured: Encodable {
        struct Video: Encodable {
            let frames: Int?
            let framesWithPerson: Int?
            let seconds: Double?
            let processingSeconds: Double?
            let deleted: Bool
        }
        let exercise: String
        let video: Video
        let result: MotionResult
        let stored: [RehabCore.Measurement]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("me/recordings/:exercise") { request, context in
            let (identity, patient) = try context.requirePatient()
            guard let exercise = context.parameters.get("exercise").flatMap(MotionExercise.init(rawValue:)) else {
                let known = MotionExercise.allCases.map(\.rawValue).joined(separator: ", ")
                throw WebError.invalid("exercise", "must be one of \(known)")
            }
            let data = try await RequestBody.data(request, context: context, limit: RecordingAnalysis.maximumBytes)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            if let key, let stored = try await services.store.storedResponse(for: key) {
                return try WriteResponse.make(WriteOutcome<Void>.replayed(stored)) { _ in stored }
            }
            let respond: @Sendable (MotionResult, [RehabCore.Measurement]) throws -> StoredResponse = {
                try WriteResponse.stored(RecordingStored(exercise: exercise.rawValue, result: $0, stored: $1))
            }
            let (result, outcome) = try await RecordingAnalysis.store(
                data, exercise: exercise, for: patient, today: configuration.today, services: services,
                idempotency: key, by: identity.actor(at: configuration.now(), origin: context.clientAddress),
                respond: respond)
            return try WriteResponse.make(outcome) { try respond(result, $0.map(\.measurement)) }
        }
        group.post("me/measurements") { request, context in
            let (identity, patient) = try context.requirePatient()
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let body = try RequestBody.json(MeasurementBody.self, from: data)
            if let method = body.method, method != .patientReported {
                throw WebError.invalid("method", "a patient's own measurement is patient-reported")
            }
            let measures = services.catalog.measurements
            let respond: @Sendable ([StoredMeasurement]) throws -> StoredResponse = { stored in
                try WriteResponse.stored(MeasurementDocument(stored[0], measures: measures))
            }
            let outcome = try await services.enterMeasurements(
                [body.measurement(today: configuration.today, method: .patientReported)], for: patient,
                today: configuration.today, idempotency: key,
                by: identity.actor(at: configuration.now(), origin: context.clientAddress), respond: respond)
            return try WriteResponse.make(outcome, fallback: respond)
        }
        group.post("me/videos/:exercise") { request, context in
            let (identity, patient) = try context.requirePatient()
            guard let exercise = context.parameters.get("exercise").flatMap(MotionExercise.init(rawValue:)) else {
                let known = MotionExercise.allCases.map(\.rawValue).joined(separator: ", ")
                throw WebError.invalid("exercise", "must be one of \(known)")
            }
            guard let videos, await videos.isReady else {
                throw WebError(
                    .serviceUnavailable, code: "video-analysis-off",
                    message: "Video measuring is not set up on this server; upload a keypoint file instead.")
            }
            guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("video/") else {
                throw WebError(
                    .unsupportedMediaType, code: "unsupported-media-type",
                    message: "Content-Type must be a video type such as video/mp4 or video/webm",
                    field: "Content-Type")
            }
            if let length = request.headers[.contentLength].flatMap(Int.init), length > VideoAnalysis.maximumBytes {
                throw VideoAnalysis.tooLarge
            }
            let actor = identity.actor(at: configuration.now(), origin: context.clientAddress)
            let today = configuration.today
            return try await videos.withVideoFile(for: patient.id) { file in
                try await VideoAnalysis.save(request.body, to: file)
                let outcome = try await videos.measure(
                    file, exercise: exercise, for: patient, today: today, services: services, by: actor,
                    respond: { _, _ in StoredResponse(status: 201, body: Data()) })
                let reply = outcome.reply
                let document = VideoMeasured(
                    exercise: exercise.rawValue,
                    video: .init(
                        frames: reply.frames, framesWithPerson: reply.framesWithPerson, seconds: reply.seconds,
                        processingSeconds: reply.processingSeconds,
                        deleted: !FileManager.default.fileExists(atPath: file.path)),
                    result: outcome.result.rounded(), stored: (outcome.write.created ?? []).map(\.measurement))
                return JSONResponse.make(document, status: .created)
            }
        }
        group.get("me/calendar.ics") { _, context in
            let (identity, patient) = try context.requirePatient()
            let feeds = CalendarFeeds(services: services, configuration: configuration)
            let actor = identity.actor(at: configuration.now(), origin: context.clientAddress)
            let (settings, _) = try await feeds.settings(of: patient, by: actor)
            return CalendarFeedRoutes.response(feeds.ics(patientID: patient.id, settings: settings))
        }
        group.post("me/calendar/link") { request, context in
            let (identity, patient) = try context.requirePatient()
            let feeds = CalendarFeeds(services: services, configuration: configuration)
            let path = try await feeds.newLink(
                for: patient, by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            return JSONResponse.make(CalendarLink(url: CalendarFeedRoutes.absolute(path, request)), status: .created)
        }
        group.post("me/calendar/settings") { request, context in
            let (identity, patient) = try context.requirePatient()
            let body = try RequestBody.json(
                CalendarSettings.self, from: try await RequestBody.data(request, context: context))
            let feeds = CalendarFeeds(services: services, configuration: configuration)
            try await feeds.save(
                body, for: patient, by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            return JSONResponse.make(body)
        }
        group.get("me/plan") { request, context in
            let (identity, patient) = try context.requirePatient()
            let date = try Self.date(request.uri.queryParameters.get("date"), default: configuration.today)
            let actor = identity.actor(at: configuration.now(), origin: context.clientAddress)
            let plan = try await services.plan(for: patient, on: date, by: actor)
            var response = JSONResponse.make(plan.translated(to: identity.language, using: services.catalog))
            response.headers[.contentLanguage] = identity.language.rawValue
            response.headers[.vary] = "Accept-Language"
            return response
        }
        group.put("me/language") { request, context in
            let (identity, patient) = try context.requirePatient()
            let body = try RequestBody.json(
                LanguageChoice.self, from: try await RequestBody.data(request, context: context))
            let language = try body.validated()
            let updated = try await services.store.setLanguage(
                language, for: patient.id, by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            signedIn?.forget(tokenHash: identity.session.tokenHash)
            return JSONResponse.make(LanguageChoice(language: updated.language?.rawValue))
        }
        group.post("me/sessions") { request, context in
            let (identity, patient) = try context.requirePatient()
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let session = try RequestBody.session(from: data)
            let outcome = try await services.logSession(
                session, note: nil, for: patient, today: configuration.today, idempotency: key,
                by: identity.actor(at: configuration.now(), origin: context.clientAddress),
                respond: { StoredResponse(status: 201, body: SessionLogged($0).json) })
            return try WriteResponse.make(outcome) { StoredResponse(status: 201, body: SessionLogged($0).json) }
        }
        group.post("me/checkins") { request, context in
            let (identity, patient) = try context.requirePatient()
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let checkIn = try RequestBody.json(CheckIn.self, from: data)
            let number = services.catalog.triage.emergencyNumber
            // The patient's words (their choice, else Accept-Language); a replay repeats the first answer as it was.
            let words = PageStrings.bundled.words(identity.language)
            let respond: @Sendable (StoredCheckIn) throws -> StoredResponse = { stored in
                try WriteResponse.stored(
                    CheckInDocument(
                        id: stored.id, date: stored.checkIn.date, level: stored.triage.level,
                        headline: CheckInPages.headline(stored.triage.level, emergencyNumber: number, words: words),
                        reasons: stored.triage.reasons, alertRaised: stored.alertID != nil))
            }
            let outcome = try await services.submitCheckIn(
                checkIn, for: patient, today: configuration.today, idempotency: key,
                by: identity.actor(at: configuration.now(), origin: context.clientAddress),
                answeringIn: identity.language, respond: respond)
            var response = try WriteResponse.make(outcome, fallback: respond)
            if outcome.created != nil { response.headers[.contentLanguage] = identity.language.rawValue }
            response.headers[.vary] = "Accept-Language"
            return response
        }
        group.post("me/questionnaires/:instrument") { request, context in
            let (identity, patient) = try context.requirePatient()
            guard let instrument = context.parameters.get("instrument").flatMap(Instrument.init(rawValue:)) else {
                throw WebError.invalid("instrument", "must be one of nprs, koos, koos-jr, lefs, ikdc")
            }
            let date = try Self.date(request.uri.queryParameters.get("date"), default: configuration.today)
            let data = try await RequestBody.data(request, context: context)
            let key = try RequestBody.idempotencyKey(request, body: data, account: identity.account.id)
            let answers = try RequestBody.json(QuestionnaireAnswers.self, from: data)
            let respond: @Sendable (QuestionnaireResponse) throws -> StoredResponse = { stored in
                try WriteResponse.stored(
                    QuestionnaireDocument(
                        id: stored.id, date: stored.date, instrument: stored.instrument.rawValue, score: stored.score))
            }
            let outcome = try await services.submitQuestionnaire(
                instrument, answers: answers, date: date, for: patient, today: configuration.today,
                idempotency: key, by: identity.actor(at: configuration.now(), origin: context.clientAddress),
                respond: respond)
            return try WriteResponse.make(outcome, fallback: respond)
        }
    }

    /// A `date` query parameter, or the default.
    static func date(_ text: String?, default value: CalendarDate) throws -> CalendarDate {
        guard let text else { return value }
        guard let date = CalendarDate(iso: text) else { throw WebError.invalid("date", "must be a date YYYY-MM-DD") }
        return date
    }
}
