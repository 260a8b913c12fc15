import Foundation
import Hummingbird
import NIOCore
import RehabCore
import RehabForms
import RehabMotion

/// A patient's phone video of one exercise turned into measurements: the body is written straight to a private
/// file (never more than `maximumBytes`), the pose worker turns it into keypoints and removes it, motion analysis
/// measures the keypoints, and only the measures are stored (method `pose-keypoints`). The video and the keypoint
/// file are removed whatever happens; a patient has one video in progress at a time.
public struct VideoAnalysis: Sendable {
    /// The largest video accepted: a minute of phone video at a modest bit rate.
    public static let maximumBytes = 50 * 1024 * 1024
    /// The longest video accepted, in seconds.
    public static let maximumSeconds = 60
    /// The most frames read: a minute at 60 frames a second.
    static let maximumFrames = 3600

    /// The pose estimator.
    public let worker: PoseWorker
    /// Where videos wait for the worker: a directory only the server may read.
    let directory: URL
    let busy = BusyPatients()

    /// Analysis with `worker`, its files in a new private directory under the system's temporary directory.
    public init(worker: PoseWorker) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kneerehab-video-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        self.worker = worker
        self.directory = directory
    }

    /// What a video gave: the motion result, the worker's counts, and the write of the measures.
    struct Outcome {
        let result: MotionResult
        let reply: PoseWorker.Reply
        let write: WriteOutcome<[StoredMeasurement]>
    }

    /// Runs `body` with a fresh file name for this patient's video, refusing a second video while one is in
    /// progress (409); the video and its keypoints are removed afterwards, whatever happened.
    func withVideoFile<T: Sendable>(
        for patient: PatientID, _ body: (URL) async throws -> T
    ) async throws -> T {
        guard await busy.claim(patient) else {
            throw WebError(
                .conflict, code: "video-in-progress",
                message: "Your last video is still being measured. Please wait a moment.", field: "video")
        }
        let video = directory.appendingPathComponent("\(UUID().uuidString).video")
        func finish() async {
            try? FileManager.default.removeItem(at: video)
            try? FileManager.default.removeItem(at: Self.keypoints(for: video))
            await busy.release(patient)
        }
        do {
            let value = try await body(video)
            await finish()
            return value
        } catch {
            await finish()
            throw error
        }
    }

    /// True once the worker has started and reported ready (it is started again if it dies later).
    public var isReady: Bool {
        get async { await worker.isAvailable }
    }

    /// Measures the video at `video` (already written) and stores what it measured.
    func measure(
        _ video: URL, exercise: MotionExercise, for patient: Patient, today: CalendarDate, services: RehabServices,
        by actor: AuditActor,
        respond: @escaping @Sendable (MotionResult, [RehabCore.Measurement]) throws -> StoredResponse
    ) async throws -> Outcome {
        let keypoints = Self.keypoints(for: video)
        let reply: PoseWorker.Reply
        do {
            reply = try await worker.extract(
                video: video, output: keypoints, maxSeconds: Self.maximumSeconds, maxFrames: Self.maximumFrames)
        } catch {
            throw WebError(
                .serviceUnavailable, code: "video-analysis-stopped",
                message: "The video could not be measured this time. Please try again.")
        }
        guard reply.ok else {
            throw WebError(
                .unprocessableContent, code: "video-\(reply.error ?? "internal")",
                message: reply.message ?? "The video could not be measured.", field: "video")
        }
        let data = try Data(contentsOf: keypoints)
        try? FileManager.default.removeItem(at: keypoints)
        let (result, write) = try await RecordingAnalysis.store(
            data, exercise: exercise, for: patient, today: today, services: services, by: actor, respond: respond)
        return Outcome(result: result, reply: reply, write: write)
    }

    static func keypoints(for video: URL) -> URL { video.deletingPathExtension().appendingPathExtension("json") }

    /// Writes a raw body to a new file only the server may read, refusing more than `maximumBytes` (413) as soon
    /// as it is passed; what was written is removed by the caller.
    static func save(_ body: Hummingbird.RequestBody, to url: URL) async throws {
        let handle = try create(url)
        defer { try? handle.close() }
        var written = 0
        for try await buffer in body {
            written += buffer.readableBytes
            guard written <= maximumBytes else { throw tooLarge }
            try handle.write(contentsOf: buffer.readableBytesView)
        }
        guard written > 0 else { throw WebError.invalid("video", "is empty") }
    }

    /// Writes the `video` part of a multipart form to a new private file as it arrives, refusing more than
    /// `maximumBytes`; returns the form's other (small) fields.
    static func saveForm(_ body: Hummingbird.RequestBody, boundary: String, to url: URL) async throws -> [String:
        String]
    {
        let handle = try create(url)
        defer { try? handle.close() }
        let reader = MultipartFormReader(boundary: boundary, filePart: "video", maximumFileBytes: maximumBytes) {
            try handle.write(contentsOf: $0.readableBytesView)
        }
        for try await buffer in body {
            do {
                try reader.read(buffer)
            } catch .malformed {
                throw WebError.invalid("video", "is missing or the form could not be read")
            } catch .tooLarge {
                throw tooLarge
            } catch .writeFailed {
                throw WebError.invalid("video", "could not be stored")
            }
        }
        guard reader.fileBytes > 0 else { throw WebError.invalid("video", "is missing; choose or record a video") }
        return reader.fields
    }

    private static func create(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw WebError.from(CocoaError(.fileWriteUnknown)) }
        return try FileHandle(forWritingTo: url)
    }

    static let tooLarge = WebError(
        .contentTooLarge, code: "too-large",
        message: "The video is too large: keep it under a minute, or record at a lower quality.", field: "video")
}

/// The patients with a video in progress.
actor BusyPatients {
    private var patients: Set<PatientID> = []

    /// Marks the patient busy; false when they already were.
    func claim(_ patient: PatientID) -> Bool { patients.insert(patient).inserted }

    /// Marks the patient free again.
    func release(_ patient: PatientID) { patients.remove(patient) }
}
