import Foundation
import Logging
import RehabChildProcess

/// The pose estimator as a child process (`Resources/pose-worker/pose_worker.py`, MediaPipe Pose): started once,
/// one request at a time on its standard input, one JSON reply per request on its standard output. It turns a
/// video into a keypoint document and removes the video as soon as it has opened it; a worker that dies or hangs
/// is killed and started again for the next request.
///
/// Optional: without a Python that has the worker's packages (`serve --pose-python`), `start` fails, the server
/// logs why, and the pages offer the keypoint upload only.
public actor PoseWorker {
    /// A reply to one request, as the worker writes it.
    public struct Reply: Decodable, Sendable, Equatable {
        /// True when the document was written.
        public var ok: Bool
        /// `unreadable`, `too-long`, `too-large`, `no-person` or `internal` when not ok.
        public var error: String?
        /// A sentence a patient can read, when not ok.
        public var message: String?
        /// Frames read.
        public var frames: Int?
        /// Frames in which a person was found.
        public var framesWithPerson: Int?
        /// Seconds of video.
        public var seconds: Double?
        /// Seconds the worker spent.
        public var processingSeconds: Double?
    }

    /// Why a request got no reply.
    public enum Failure: Error, Equatable {
        /// The worker is not running and could not be started.
        case unavailable
        /// The worker exited (or was killed) before it replied.
        case stopped
        /// No reply came in time; the worker was killed.
        case timedOut
    }

    private let python: String
    private let script: URL
    private let logger: Logger
    private var process: RunningChildProcess?
    /// The mediapipe version the running worker reported.
    public private(set) var version: String?
    /// True once the worker has started and reported ready: it is installed, and a worker that dies later is
    /// started again for the next request.
    public private(set) var isAvailable = false
    /// One start or request at a time: the worker reads one request at a time, and the actor would otherwise let
    /// a second caller in while the first waits for its reply.
    private let turn = AnalysisSlots(count: 1)

    /// A worker run by `python` (a path to an interpreter that has the packages of `requirements.txt`).
    public init(python: String, logger: Logger = Logger(label: "kneerehab.pose")) {
        self.python = python
        self.script =
            Bundle.module.url(forResource: "pose-worker", withExtension: nil)?
            .appendingPathComponent("pose_worker.py") ?? URL(fileURLWithPath: "pose_worker.py")
        self.logger = logger
    }

    /// The worker's process id while it runs (tests kill it to check that no video outlives a crash).
    public var processID: Int32? { isRunning ? process?.processID : nil }

    private var isRunning: Bool { process.map { !$0.hasEnded } ?? false }

    /// Starts the worker and waits for its ready line; returns the mediapipe version.
    @discardableResult
    public func start(timeout: Duration = .seconds(120)) async throws -> String {
        try await exclusively { try await startNow(timeout: timeout) }
    }

    /// Turns `video` into a keypoint document at `output`. The worker removes the video once it has opened it;
    /// the caller removes whatever is left, whatever happens.
    public func extract(video: URL, output: URL, maxSeconds: Int, maxFrames: Int) async throws -> Reply {
        try await exclusively {
            try await extractNow(video: video, output: output, maxSeconds: maxSeconds, maxFrames: maxFrames)
        }
    }

    private func exclusively<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await turn.acquire()
        do {
            let value = try await body()
            await turn.release()
            return value
        } catch {
            await turn.release()
            throw error
        }
    }

    private func startNow(timeout: Duration) async throws -> String {
        if let version, isRunning { return version }
        stop()
        let process: RunningChildProcess
        do {
            process = try await RunningChildProcess.start(python, [script.path], inheritErrorOutput: true)
        } catch {
            logger.warning("pose worker could not start", metadata: ["error": "\(type(of: error))"])
            throw Failure.unavailable
        }
        self.process = process
        guard let line = await process.nextLine(timeout: timeout),
            let ready = try? JSONDecoder().decode(Ready.self, from: Data(line.utf8)), ready.ready
        else {
            stop()
            throw Failure.unavailable
        }
        version = ready.version
        isAvailable = true
        logger.info("pose worker ready", metadata: ["mediapipe": "\(ready.version ?? "?")"])
        return ready.version ?? ""
    }

    private func extractNow(video: URL, output: URL, maxSeconds: Int, maxFrames: Int) async throws -> Reply {
        if !isRunning { try await startNow(timeout: .seconds(120)) }
        guard let process else { throw Failure.unavailable }
        let id = UUID().uuidString
        let request = Request(
            id: id, video: video.path, output: output.path, maxSeconds: maxSeconds, maxFrames: maxFrames)
        process.write(String(decoding: try JSONEncoder().encode(request), as: UTF8.self) + "\n")
        // Decoding runs near the video's own pace on two cores; four times its length leaves room.
        let timeout = Duration.seconds(30 + 4 * maxSeconds)
        while true {
            guard let line = await process.nextLine(timeout: timeout) else {
                let timedOut = !process.hasEnded
                stop()
                throw timedOut ? Failure.timedOut : Failure.stopped
            }
            guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(line.utf8)), envelope.id == id
            else { continue }
            return try JSONDecoder().decode(Reply.self, from: Data(line.utf8))
        }
    }

    /// Stops the worker (it exits when its input closes; a hung one is killed).
    public func stop() {
        if let process, !process.hasEnded {
            process.closeInput()
            process.send(SIGTERM)
        }
        process = nil
        version = nil
    }

    private struct Request: Encodable {
        let id: String
        let video: String
        let output: String
        let maxSeconds: Int
        let maxFrames: Int
    }

    private struct Ready: Decodable {
        let ready: Bool
        let version: String?
    }

    private struct Envelope: Decodable {
        let id: String?
    }
}
