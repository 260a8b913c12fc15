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

    /// The result's measurements as record measurements, for the measures the record knows.
    static func measurements(_ result: MotionResult) -> [RehabCore.Measurement] {
        result.measurements.compactMap { measured in
            guard let kind = MeasurementKind(rawValue: measured.kind), let date = CalendarDate(iso: measured.date),
                let side = RehabCore.Side(rawValue: measured.side.rawValue)
            else { return nil }
            return RehabCore.Measurement(
                date: date, kind: kind, side: side, value: measured.value, method: "pose keypoints")
        }
    }

    /// Analyses and stores what it measured; returns the result and the stored measurements.
    static func store(
        _ data: Data, exercise: MotionExercise, for patient: Patient, today: CalendarDate,
        services: RehabServices, by actor: Actor
    ) async throws -> (MotionResult, [RehabCore.Measurement]) {
        // A 16 MB upload takes a while to decode and analyse: off the event loop, which serves other connections.
        let side = patient.surgery.side
        let result = try await NIOThreadPool.singleton.runIfActive {
            try analyze(data, exercise: exercise, side: side, date: today)
        }
        let measured = measurements(result).filter { $0.kind.plausibleRange.contains($0.value) }
        for measurement in measured {
            _ = try await services.store.recordMeasurement(measurement, id: .generate(), for: patient.id, by: actor)
        }
        return (result, measured)
    }
}
