import Foundation
import NIOPosix
import RehabCore
import RehabMotion

/// A patient's keypoint recording of one exercise turned into measurements for their record: the motion
/// analysis of `kneerehab analyze`, run on an uploaded file, with the measures that feed the phase gate (knee
/// bend, knee straightening, single-leg balance) stored as the record's measurements.
enum RecordingAnalysis {
    /// The largest keypoint file accepted: about ten minutes of BlazePose at 30 frames a second.
    static let maximumBytes = 16 * 1024 * 1024

    /// The analysis of a keypoint document (the contract's JSON form) for one exercise and the operated side.
    static func analyze(_ data: Data, exercise: MotionExercise, side: RehabCore.Side, date: CalendarDate) throws
        -> MotionResult
    {
        guard !data.isEmpty else { throw InvalidInput(field: "file", problem: "is empty") }
        do {
            let document = try KeypointDocumentReader.read(data)
            let recording = try RecordingBuilder.build(document)
            let analyzer = MotionAnalyzer(side: RehabMotion.Side(rawValue: side.rawValue), date: date.description)
            return analyzer.analyze(recording, exercise: exercise)
        } catch let error as MotionError {
            throw InvalidInput(field: error.field == "KEYPOINTS" ? "file" : error.field, problem: error.problem)
        }
    }

    /// The result's measurements as record measurements, for the measures the record knows, each with a note that
    /// tells the clinician what the recording showed and how sure the reading is.
    static func measurements(_ result: MotionResult) -> [RehabCore.Measurement] {
        result.measurements.compactMap { measured in
            guard let kind = MeasurementKind(rawValue: measured.kind), let date = CalendarDate(iso: measured.date),
                let side = RehabCore.Side(rawValue: measured.side.rawValue)
            else { return nil }
            return RehabCore.Measurement(
                date: date, kind: kind, side: side, value: measured.value, method: .poseKeypoints,
                note: note(result, kind))
        }
    }

    /// "Recorded wall squat: 10 reps; about ±7°; the camera saw you from the side".
    static func note(_ result: MotionResult, _ kind: MeasurementKind) -> String {
        var parts = ["Recorded \(result.exercise.rawValue.replacingOccurrences(of: "-", with: " "))"]
        if let reps = result.reps { parts[0] += ": \(reps) reps" }
        let measure: ConfidenceMeasure? = [.kneeFlexion, .kneeExtension].contains(kind) ? .kneeFlexion : nil
        if let caption = measure.flatMap({ result.confidence(of: $0)?.caption }), !caption.isEmpty {
            parts.append(caption)
        }
        return String(parts.joined(separator: "; ").prefix(MeasurementCatalog.noteMaxLength))
    }

    /// Decoding a large keypoint file briefly takes many times its size in memory, so recordings are analysed
    /// one at a time: several uploads at once wait their turn instead of multiplying the peak.
    static let slots = AnalysisSlots(count: 1)

    /// Analyses and stores what it measured in one write; returns the result and what the write did. With an
    /// idempotency key a retry stores nothing new and `respond`'s first answer is replayed.
    static func store(
        _ data: Data, exercise: MotionExercise, for patient: Patient, today: CalendarDate,
        services: RehabServices, idempotency: IdempotencyKey? = nil, by actor: AuditActor,
        respond: @escaping @Sendable (MotionResult, [RehabCore.Measurement]) throws -> StoredResponse = { _, _ in
            StoredResponse(status: 201, body: Data())
        }
    ) async throws -> (MotionResult, WriteOutcome<[StoredMeasurement]>) {
        let side = patient.surgery.side
        await slots.acquire()
        // Off the event loop, which serves other connections; the freed memory goes back to the system after.
        let result: MotionResult
        do {
            result = try await NIOThreadPool.singleton.runIfActive {
                defer { MallocTuning.returnFreeMemory() }
                return try analyze(data, exercise: exercise, side: side, date: today)
            }
            await slots.release()
        } catch {
            await slots.release()
            throw error
        }
        let measures = services.catalog.measurements
        let measured = measurements(result).filter { (try? measures.check($0)) != nil }
        let outcome = try await services.store.recordMeasurements(
            measured, for: patient.id, idempotency: idempotency, by: actor,
            respond: { stored in try respond(result, stored.map(\.measurement)) })
        return (result, outcome)
    }
}

/// A counting semaphore for async work: at most `count` holders at once, the rest wait in order.
actor AnalysisSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    /// Waits for a slot.
    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives the slot to the next in line, or back to the pool.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
