import Foundation
import Hummingbird
import RehabCore
import RehabMotion

/// Today's guided session as pages that work without JavaScript: pain before, then one screen per exercise
/// (picture, steps, cues, dose, timers, pain and effort), a "this hurts — stop" way out, pain after, and a
/// finish screen that says what changes next time and why. Answers so far travel in a hidden field, so nothing
/// is stored until the end, and the end is stored once (its idempotency key is made when the session starts).
struct ExerciseSessionPages {
    let context: PageContext

    struct TodayPage {
        let chrome: Chrome
        /// True when the server can measure phone videos.
        let videoOn: Bool
        /// The end of care, when the patient has been discharged.
        let discharged: String?
        /// The day of recovery and the phase.
        let dayLine: String
        let items: [TodayItem]
        let paused: [TodayItem]
        let canStart: Bool
        let precautions: [String]
        let notice: String
    }

    struct TodayItem {
        let id: String
        let recordable: Bool
        /// Where to put the phone, in words and as a picture, for an exercise motion analysis knows.
        let cameraInstruction: String?
        let cameraPicture: String?
        let name: String
        let dose: String
        let change: String?
        let reason: String?
        let when: String?
    }

    struct StartPage {
        let chrome: Chrome
        let submission: String
        let pain: [PainScale.Button]
        let error: String?
        let total: Int
        /// How many exercises, in a sentence.
        let lead: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("today") { _, requestContext in try await today(requestContext) }
        router.get("session") { _, requestContext in
            let (identity, _) = try context.patient(requestContext)
            let steps = try await steps(requestContext)
            guard !steps.isEmpty else { return Response.seeOther("/today") }
            let words = context.words(identity)
            let model = StartPage(
                chrome: context.chrome(words["start_title"], identity), submission: UUID().uuidString,
                pain: context.painButtons(selected: nil, words: words), error: nil, total: steps.count,
                lead: words("start_lead", ["count": "\(steps.count)"]))
            return context.pages.page("finish", FinishPage.start(model))
        }
        router.post("session") { request, requestContext in try await advance(request, requestContext) }
        router.post("session/finish") { request, requestContext in try await finish(request, requestContext) }
    }

    // MARK: - Today

    private func today(_ requestContext: AppRequestContext) async throws -> Response {
        let (identity, patient) = try context.patient(requestContext)
        let plan = try await context.services.plan(
            for: patient, on: context.configuration.today, by: context.actor(identity, requestContext)
        ).translated(to: identity.language, using: context.services.catalog)
        let words = context.words(identity)
        let visible = plan.exercises.filter { $0.change != .pause }
        let videoOn = await context.videos?.isReady ?? false
        let model = TodayPage(
            chrome: context.chrome(words["today_title"], identity), videoOn: videoOn,
            discharged: plan.discharge.map { words("today_discharged", ["date": "\($0.date)"]) },
            dayLine: words("today_day", ["day": "\(plan.daysSinceSurgery)", "phase": plan.phase.name]),
            items: visible.map { Self.item($0, words: words) },
            paused: plan.exercises.filter { $0.change == .pause }.map { Self.item($0, words: words) },
            canStart: visible.contains { $0.category != .recovery }, precautions: plan.precautions,
            notice: plan.notice)
        return context.pages.page("today", model)
    }

    static func item(_ planned: PlannedExercise, words: Words) -> TodayItem {
        let change: String? =
            switch planned.change {
            case .progress: words["change_progress"]
            case .regress: words["change_regress"]
            case .pause: words["change_pause"]
            default: nil
            }
        let placement = MotionExercise(rawValue: planned.id.rawValue).map(CameraPlacement.init(for:))
        return TodayItem(
            id: planned.id.rawValue, recordable: placement != nil,
            cameraInstruction: placement.map(MotionWords(words: words).placement),
            cameraPicture: placement.map { CameraPlacementPicture.svg($0, words: words) },
            name: planned.name, dose: DoseText.of(planned, words: words), change: change,
            reason: change == nil ? nil : planned.reason, when: planned.when)
    }

    /// The exercises of today's session, in order (recovery items such as ice come after, on the finish page), in
    /// the patient's language.
    private func steps(_ requestContext: AppRequestContext) async throws -> [PlannedExercise] {
        let (identity, patient) = try context.patient(requestContext)
        let plan = try await context.services.plan(
            for: patient, on: context.configuration.today, by: context.actor(identity, requestContext)
        ).translated(to: identity.language, using: context.services.catalog)
        return plan.exercises.filter { $0.category != .recovery && $0.change != .pause }
    }

    // MARK: - One step

    private func advance(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        if requestContext.identity == nil {
            return try await AccountPages(context: context).signInToContinue(request, requestContext)
        }
        let (identity, patient) = try context.patient(requestContext)
        let form = try await context.form(request, requestContext, identity: identity)
        let steps = try await steps(requestContext)
        var state = try ExerciseSessionState(form: form)
        let stepIndex = state.done.count
        let words = context.words(identity)
        // The "before" screen: pain now.
        if form["stage"] == "start" {
            guard let pain = form["pain"].flatMap(Int.init), (0...10).contains(pain) else {
                let model = StartPage(
                    chrome: context.chrome(words["start_title"], identity), submission: state.submission,
                    pain: context.painButtons(selected: nil, words: words), error: words["start_error"],
                    total: steps.count, lead: words("start_lead", ["count": "\(steps.count)"]))
                return context.pages.page("finish", FinishPage.start(model), status: .unprocessableContent)
            }
            state.painBefore = pain
            guard !steps.isEmpty else { return finishPage(state, identity, error: nil) }
            return stepPage(steps, state, identity, patient)
        }
        guard stepIndex < steps.count else { return finishPage(state, identity, error: nil) }
        let planned = steps[stepIndex]
        let pain = form["pain"].flatMap(Int.init).flatMap { (0...10).contains($0) ? $0 : nil }
        let difficulty = form["difficulty"].flatMap(Difficulty.init(rawValue:))
        let stopping = form["action"] == "stop"
        if stopping {
            state.stopped = true
            if let pain { state.done.append(performed(planned, form: form, pain: pain, difficulty: difficulty)) }
            return finishPage(state, identity, error: nil)
        }
        let isWarmUp = planned.category == .warmUp
        guard isWarmUp || pain != nil else {
            return stepPage(
                steps, state, identity, patient, error: words["exercise_error_pain"], form: form)
        }
        guard isWarmUp || difficulty != nil else {
            return stepPage(steps, state, identity, patient, error: words["exercise_error_effort"], form: form)
        }
        if let problem = try await storeOwnMeasurement(planned, form, state, patient, identity, requestContext) {
            return stepPage(steps, state, identity, patient, error: problem, form: form)
        }
        state.done.append(performed(planned, form: form, pain: pain, difficulty: difficulty))
        if state.done.count < steps.count { return stepPage(steps, state, identity, patient) }
        return finishPage(state, identity, error: nil)
    }

    /// Stores what the patient measured on an exercise's screen (the balance timer) as their own measurement of
    /// the operated leg, once per session and exercise; returns a sentence for the patient when it cannot be stored.
    private func storeOwnMeasurement(
        _ planned: PlannedExercise, _ form: Form, _ state: ExerciseSessionState, _ patient: Patient,
        _ identity: Identity, _ requestContext: AppRequestContext
    ) async throws -> String? {
        guard let kind = context.services.catalog.exercise(planned.id)?.patientMeasures,
            let text = form[Self.ownMeasurementField], !text.isEmpty
        else { return nil }
        let words = context.words(identity)
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")) else {
            return words["exercise_error_own_number"]
        }
        let today = context.configuration.today
        let measurement = RehabCore.Measurement(
            date: today, kind: kind, side: patient.surgery.side, value: value, method: .patientReported)
        let token = "\(state.submission)-\(planned.id.rawValue)"
        let key = IdempotencyKey(key: "own-measure-" + token, accountID: identity.account.id, requestHash: token)
        do {
            _ = try await context.services.enterMeasurements(
                [measurement], for: patient, today: today, idempotency: key,
                by: context.actor(identity, requestContext),
                respond: { _ in StoredResponse(status: 201, body: Data()) })
        } catch let error as InvalidInput where error.field == "value" {
            let spec = context.services.catalog.measurements.spec(kind)
            return words("exercise_error_own_range", ["min": spec.range.min.clean, "max": spec.range.max.clean])
        }
        return nil
    }

    /// The exercise screen's field for the patient's own measurement.
    static let ownMeasurementField = "ownMeasure"

    private func performed(_ planned: PlannedExercise, form: Form, pain: Int?, difficulty: Difficulty?)
        -> PerformedExercise
    {
        let sets = form["sets"].flatMap(Int.init).map { min(max($0, 0), 20) } ?? planned.sets
        return PerformedExercise(
            id: planned.id, sets: sets, reps: planned.reps, holdSeconds: planned.holdSeconds,
            durationMinutes: planned.durationMinutes, stepHeightCm: planned.stepHeightCm, loadKg: planned.loadKg,
            step: planned.step, painDuring: pain, difficulty: difficulty)
    }

    private func stepPage(
        _ steps: [PlannedExercise], _ state: ExerciseSessionState, _ identity: Identity, _ patient: Patient,
        error: String? = nil, form: Form? = nil
    ) -> Response {
        guard state.done.count < steps.count else { return finishPage(state, identity, error: nil) }
        let planned = steps[state.done.count]
        let exercise = context.catalog(identity).exercise(planned.id)
        let model = ExerciseStepPage(
            chrome: context.chrome(planned.name, identity), planned: planned, exercise: exercise,
            number: state.done.count + 1, total: steps.count, state: state, error: error, form: form,
            settings: context.services.catalog.progression, operatedSide: patient.surgery.side,
            words: context.words(identity))
        return context.pages.page("exercise", model, status: error == nil ? .ok : .unprocessableContent)
    }

    // MARK: - Finish

    private func finishPage(_ state: ExerciseSessionState, _ identity: Identity, error: String?) -> Response {
        let words = context.words(identity)
        let model = FinishPage(
            chrome: context.chrome(words[state.stopped ? "stop_title" : "finish_title"], identity), isStart: false,
            start: nil, state: state.encoded, submission: state.submission, stopped: state.stopped,
            pain: context.painButtons(selected: nil, words: words), error: error, count: state.done.count,
            lead: words("finish_lead", ["count": "\(state.done.count)"]))
        return context.pages.page("finish", model, status: error == nil ? .ok : .unprocessableContent)
    }

    private func finish(_ request: Request, _ requestContext: AppRequestContext) async throws -> Response {
        if requestContext.identity == nil {
            return try await AccountPages(context: context).signInToContinue(request, requestContext)
        }
        let (identity, patient) = try context.patient(requestContext)
        let form = try await context.form(request, requestContext, identity: identity)
        let state = try ExerciseSessionState(form: form)
        guard let painAfter = form["pain"].flatMap(Int.init), (0...10).contains(painAfter) else {
            return finishPage(state, identity, error: context.words(identity)["finish_error"])
        }
        let today = context.configuration.today
        let session = ExerciseSession(
            date: today, painBefore: state.painBefore, painAfter: painAfter,
            stoppedForPain: state.stopped ? true : nil, exercises: state.done)
        let actor = context.actor(identity, requestContext)
        let key = IdempotencyKey(
            key: "session-page-" + state.submission, accountID: identity.account.id,
            requestHash: state.submission)
        if session.exercises.isEmpty {
            // Stopped before the first exercise: nothing to log, but the advice still matters.
            return try await donePage(identity, patient, actor, changes: [], stopped: true)
        }
        let outcome = try await context.services.logSession(
            session, note: nil, for: patient, today: today, idempotency: key, by: actor,
            respond: { try WriteResponse.stored(PatientController.SessionLogged($0)) })
        var changes: [PlannedExercise] = []
        if case .created(let recorded, _) = outcome {
            let plan = recorded.revision?.plan.translated(to: identity.language, using: context.services.catalog)
            changes = (plan?.exercises ?? []).filter {
                [.progress, .regress, .pause].contains($0.change)
            }
        }
        return try await donePage(identity, patient, actor, changes: changes, stopped: state.stopped)
    }

    private func donePage(
        _ identity: Identity, _ patient: Patient, _ actor: AuditActor, changes: [PlannedExercise], stopped: Bool
    ) async throws -> Response {
        let next = try await context.services.plan(
            for: patient, on: context.configuration.today.adding(days: 1), by: actor
        ).translated(to: identity.language, using: context.services.catalog)
        let ice = next.exercises.first { $0.category == .recovery }
        let iceAdvice = IceAdvice.isRecommended(
            RecordTimeline(
                record: try await context.services.store.record(of: patient.id, by: actor),
                today: context.configuration.today),
            context.services.catalog.progression)
        let words = context.words(identity)
        let number = context.services.catalog.triage.emergencyNumber
        let model = DonePage(
            chrome: context.chrome(words[stopped ? "stop_title" : "done_title"], identity), stopped: stopped,
            changes: changes.map { Self.item($0, words: words) }, hasChanges: !changes.isEmpty,
            ice: iceAdvice ? ice?.when : nil, emergencyNumber: number,
            warning: words("done_warning", ["number": SVGText.escape(number)]))
        return context.pages.page("done", model)
    }
}

/// The answers so far, carried between screens in hidden fields.
struct ExerciseSessionState {
    var submission: String
    var painBefore: Int?
    var done: [PerformedExercise]
    var stopped: Bool

    init(form: Form) throws {
        guard let submission = form["submission"], UUID(uuidString: submission) != nil else {
            throw WebError.invalid("submission", "is missing; please start the session again")
        }
        self.submission = submission
        painBefore = form["painBefore"].flatMap(Int.init)
        stopped = form["stopped"] == "true"
        if let text = form["done"], !text.isEmpty {
            done = try RequestBody.json([PerformedExercise].self, from: Data(text.utf8))
        } else {
            done = []
        }
    }

    /// The hidden fields' values.
    var encoded: Encoded {
        let json = (try? JSONResponse.encoder.encode(done)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return Encoded(done: json, painBefore: painBefore.map(String.init) ?? "", stopped: stopped ? "true" : "")
    }

    struct Encoded {
        let done: String
        let painBefore: String
        let stopped: String
    }
}

/// The start screen (pain now) and the finish screen (pain after) share one template.
struct FinishPage {
    let chrome: Chrome
    let isStart: Bool
    let start: ExerciseSessionPages.StartPage?
    let state: ExerciseSessionState.Encoded?
    let submission: String
    let stopped: Bool
    let pain: [PainScale.Button]
    let error: String?
    let count: Int
    /// The sentence under the heading.
    let lead: String

    static func start(_ model: ExerciseSessionPages.StartPage) -> FinishPage {
        FinishPage(
            chrome: model.chrome, isStart: true, start: model, state: nil, submission: model.submission,
            stopped: false, pain: model.pain, error: model.error, count: model.total, lead: model.lead)
    }
}

/// After saving: what changes next time and why, ice advice, and for a stop, what to do now.
struct DonePage {
    let chrome: Chrome
    let stopped: Bool
    let changes: [ExerciseSessionPages.TodayItem]
    let hasChanges: Bool
    let ice: String?
    let emergencyNumber: String
    /// What to do when the pain is bad, with a link to the check-in (HTML from the page's own words).
    let warning: String
}

/// One exercise screen.
struct ExerciseStepPage {
    let chrome: Chrome
    let name: String
    let purpose: String
    let steps: [String]
    let cues: [String]
    let dose: String
    let illustration: String
    let holdSeconds: Int?
    let sets: Int?
    let reps: Int?
    let minutes: Int?
    let isWarmUp: Bool
    let precautions: [String]
    let number: Int
    let total: Int
    let state: ExerciseSessionState.Encoded
    let submission: String
    let pain: [PainScale.Button]
    let difficulties: [PainScale.Choice]
    let setsDone: String
    let error: String?
    /// The balance timer on the operated leg, when the screen offers the patient one.
    let ownMeasure: OwnMeasure?
    let ownMeasureDone: String
    /// "Exercise 2 of 5".
    let progressLine: String
    /// The timers' sentences (HTML from the page's own words, with numbers only).
    let holdLine: String
    let countLine: String
    let minutesLine: String

    /// The words of the balance timer.
    struct OwnMeasure {
        let text: String
        let label: String
    }

    init(
        chrome: Chrome, planned: PlannedExercise, exercise: Exercise?, number: Int, total: Int,
        state: ExerciseSessionState, error: String?, form: Form?, settings: ProgressionSettings,
        operatedSide: RehabCore.Side, words: Words
    ) {
        self.chrome = chrome
        progressLine = words("exercise_progress", ["number": "\(number)", "total": "\(total)"])
        holdLine = words("exercise_hold", ["seconds": "\(planned.holdSeconds ?? 0)"])
        countLine = words("exercise_count", ["reps": "\(planned.reps ?? 0)"])
        minutesLine = words("exercise_minutes", ["minutes": "\(planned.durationMinutes ?? 0)"])
        name = planned.name
        purpose = exercise?.purpose ?? ""
        steps = exercise?.steps ?? []
        cues = exercise?.cues ?? []
        dose = DoseText.of(planned, words: words)
        let picture = words.language == .english ? nil : words["illustration_description"]
        illustration =
            exercise.map { ExerciseIllustration.svg(for: $0, highlightSide: nil, describedAs: picture) } ?? ""
        holdSeconds = planned.holdSeconds
        sets = planned.sets
        reps = planned.reps
        minutes = planned.durationMinutes
        isWarmUp = planned.category == .warmUp
        precautions = planned.precautions ?? []
        self.number = number
        self.total = total
        self.state = state.encoded
        submission = state.submission
        pain = PainScale.buttons(selected: form?["pain"].flatMap(Int.init), settings: settings, words: words)
        difficulties = PainScale.difficulties(
            selected: form?["difficulty"].flatMap(Difficulty.init(rawValue:)), words: words)
        setsDone = form?["sets"] ?? planned.sets.map(String.init) ?? ""
        self.error = error
        let side = words["side_\(operatedSide.rawValue)"]
        ownMeasure =
            exercise?.patientMeasures == .singleLegBalance
            ? OwnMeasure(
                text: words("exercise_own_text", ["side": side]), label: words("exercise_own_label", ["side": side]))
            : nil
        ownMeasureDone = form?[ExerciseSessionPages.ownMeasurementField] ?? ""
    }
}
