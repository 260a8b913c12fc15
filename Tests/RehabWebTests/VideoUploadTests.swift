import Foundation
import Hummingbird
import HummingbirdTesting
import RehabChildProcess
import RehabCore
import RehabMotion
import Testing

@testable import RehabWeb

/// Phone videos through the real pose worker (MediaPipe) on a real clip: `.ci/run` installs the worker's packages
/// and fetches the clip from PyPI, then sets `KNEEREHAB_TEST_POSE_PYTHON` and `KNEEREHAB_TEST_POSE_VIDEO`. Where
/// mediapipe cannot be installed these tests are skipped, and say so. They share one worker and one video
/// directory, so they run one after another.
@Suite(
    .serialized,
    .enabled(if: PoseTestSetup.python != nil && PoseTestSetup.sample != nil, "the pose worker is not installed"))
struct VideoUploadTests {
    static let python = PoseTestSetup.python
    static let sample = PoseTestSetup.sample

    /// One worker for the suite: starting MediaPipe takes about a second.
    static let videos: VideoAnalysis? = {
        guard let python else { return nil }
        return try? VideoAnalysis(worker: PoseWorker(python: python))
    }()

    static func harness() async throws -> WebHarness {
        var harness = try await WebHarness.make()
        harness.videos = try #require(videos)
        try await harness.videos?.worker.start()
        return harness
    }

    /// A new patient of Ana's, and the patient's headers for sending a video of `type`.
    static func newPatient(_ client: any TestClientProtocol, sending type: String) async throws
        -> (id: String, headers: HTTPFields)
    {
        let clinician = try await client.signIn("ana@clinic.test")
        var (id, headers) = try await client.addPatient(clinician: clinician)
        headers[.contentType] = type
        return (id, headers)
    }

    /// A copy of the sample clip, which the worker removes once it has read it.
    static func sampleCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID()).mp4")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: try #require(sample)), to: copy)
        return copy
    }

    /// Files waiting in the video directory (none once a request has finished, whatever happened).
    static func waiting(_ videos: VideoAnalysis) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: videos.directory.path)
    }

    /// Knee bend per frame in the image plane, each leg, with world landmarks left out.
    static func flexion(_ data: Data) throws -> [[Double]] {
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let frames = try #require(document["frames"] as? [Any])
        document["frames"] = frames.map { frame -> Any in
            guard var frame = frame as? [String: Any] else { return frame }
            frame["world"] = nil
            return frame
        }
        let plain = try JSONSerialization.data(withJSONObject: document)
        let signals = MotionSignals(try RecordingBuilder.build(try KeypointDocumentReader.read(plain)), cutoff: nil)
        return [signals.kneeFlexion[.left], signals.kneeFlexion[.right]]
    }

    /// The video path agrees with the keypoint path on the same clip: the committed keypoint fixture was made by
    /// the same estimator from the full-size frames, the worker scales them to 1280 px first.
    @Test func theWorkerReadsTheClipAsTheKeypointPathDoesAndRemovesIt() async throws {
        let videos = try #require(Self.videos)
        try await videos.worker.start()
        let video = try Self.sampleCopy()
        let output = video.deletingPathExtension().appendingPathExtension("json")
        defer { try? FileManager.default.removeItem(at: output) }
        let reply = try await videos.worker.extract(video: video, output: output, maxSeconds: 60, maxFrames: 3600)
        #expect(reply.ok && reply.frames == 230 && (reply.framesWithPerson ?? 0) >= 200)
        #expect(!FileManager.default.fileExists(atPath: video.path))
        let fixture = motionFixtureURL("sports2d-demo-blazepose33.json")
        let measured = try Self.flexion(try Data(contentsOf: output))
        let reference = try Self.flexion(try Data(contentsOf: fixture))
        for leg in 0..<2 {
            let differences = zip(measured[leg], reference[leg]).map { abs($0 - $1) }.filter(\.isFinite).sorted()
            #expect(differences.count >= 150)
            let mean = differences.reduce(0, +) / Double(differences.count)
            print(
                "knee angle, leg \(leg): \(differences.count) frames, median \(differences[differences.count / 2])°, mean \(mean)°"
            )
            #expect(differences[differences.count / 2] <= 3, "median knee-angle difference, leg \(leg)")
            #expect(mean <= 8, "mean knee-angle difference, leg \(leg)")
        }
    }

    @Test func anUploadedVideoIsMeasuredStoredAsMeasuresOnlyAndDeleted() async throws {
        let harness = try await Self.harness()
        let videos = try #require(harness.videos)
        try await harness.test { client in
            let (_, headers) = try await Self.newPatient(client, sending: "video/mp4")
            let response = try await client.execute(
                uri: "/api/v1/me/videos/heel-slide", method: .post, headers: headers,
                body: ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: try #require(Self.sample)))))
            #expect(response.status == .created)
            let body = try Body.object(response)
            let video = try #require(body["video"] as? [String: Any])
            #expect(video["frames"] as? Int == 230 && video["deleted"] as? Bool == true)
            let result = try #require(body["result"] as? [String: Any])
            #expect((result["confidence"] as? [Any])?.isEmpty == false)
            #expect(try Self.waiting(videos).isEmpty)
        }
    }

    @Test func noVideoOutlivesAWorkerKilledMidRequest() async throws {
        let harness = try await Self.harness()
        let videos = try #require(harness.videos)
        let pid = try #require(await videos.worker.processID)
        try await harness.live { client in
            let (_, headers) = try await Self.newPatient(client, sending: "video/mp4")
            let clip = try Data(contentsOf: URL(fileURLWithPath: try #require(Self.sample)))
            // The worker dies the moment the server starts writing the video; the request must still end cleanly.
            // On its own thread, so a busy cooperative pool cannot keep it from noticing the file in time.
            let killer = Thread {
                while !Thread.current.isCancelled {
                    if (try? Self.waiting(videos).isEmpty) == false {
                        kill(pid, SIGKILL)
                        return
                    }
                    usleep(100)
                }
            }
            killer.start()
            let response = try await client.execute(
                uri: "/api/v1/me/videos/wall-squat", method: .post, headers: headers, body: ByteBuffer(bytes: clip))
            killer.cancel()
            #expect(response.status == .serviceUnavailable)
            #expect(try Self.waiting(videos).isEmpty)
            let again = try await client.execute(
                uri: "/api/v1/me/videos/wall-squat", method: .post, headers: headers, body: ByteBuffer(bytes: clip))
            #expect(again.status == .created)
            #expect(try Self.waiting(videos).isEmpty)
        }
    }

    @Test func aPatientHasOneVideoInProgressAtATime() async throws {
        let harness = try await Self.harness()
        let videos = try #require(harness.videos)
        try await harness.live { client in
            let (id, headers) = try await Self.newPatient(client, sending: "video/mp4")
            let clip = try Data(contentsOf: URL(fileURLWithPath: try #require(Self.sample)))
            let first = Task {
                try await client.execute(
                    uri: "/api/v1/me/videos/wall-squat", method: .post, headers: headers, body: ByteBuffer(bytes: clip))
            }
            while try Self.waiting(videos).isEmpty { await Task.yield() }
            // The test client has one connection, so the second video comes in through the service itself.
            let patientID = try #require(PatientID(uuidString: id))
            await #expect(throws: WebError.self) {
                try await videos.withVideoFile(for: patientID) { _ in Issue.record("a second video was let in") }
            }
            #expect(try await first.value.status == .created)
            try await videos.withVideoFile(for: patientID) { file in
                #expect(!FileManager.default.fileExists(atPath: file.path))
            }
        }
    }

    @Test func aSixtyMegabyteUploadIsRefusedBeforeItIsStored() async throws {
        let harness = try await Self.harness()
        let videos = try #require(harness.videos)
        try await harness.test { client in
            let (_, headers) = try await Self.newPatient(client, sending: "video/mp4")
            let response = try await client.execute(
                uri: "/api/v1/me/videos/wall-squat", method: .post, headers: headers,
                body: ByteBuffer(repeating: 0, count: 60 * 1024 * 1024))
            #expect(response.status == .contentTooLarge)
            #expect(try Body.error(response).field == "video")
            #expect(try Self.waiting(videos).isEmpty)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg"), "ffmpeg is not installed"))
    func aVideoWithNobodyInItSaysSoPlainly() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("nobody-\(UUID()).mp4")
        defer { try? FileManager.default.removeItem(at: empty) }
        let made = try await ChildProcess.run(
            "/usr/bin/ffmpeg",
            [
                "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2", "-pix_fmt",
                "yuv420p", empty.path,
            ])
        #expect(made.succeeded, "\(made.errorOutput)")
        let harness = try await Self.harness()
        try await harness.test { client in
            let (_, headers) = try await Self.newPatient(client, sending: "video/mp4")
            let response = try await client.execute(
                uri: "/api/v1/me/videos/wall-squat", method: .post, headers: headers,
                body: ByteBuffer(bytes: try Data(contentsOf: empty)))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).code == "video-no-person")
        }
    }

    @Test func aFileThatIsNoVideoIsRefused() async throws {
        let harness = try await Self.harness()
        try await harness.test { client in
            let (_, headers) = try await Self.newPatient(client, sending: "video/webm")
            let response = try await client.execute(
                uri: "/api/v1/me/videos/wall-squat", method: .post, headers: headers,
                body: ByteBuffer(bytes: Array("not a video at all".utf8)))
            #expect(response.status == .unprocessableContent)
            #expect(try Body.error(response).code == "video-unreadable")
        }
    }
}

/// A file of the repository's `tools/fixtures/motion` folder, found from this file's path.
func motionFixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/fixtures/motion").appendingPathComponent(name)
}

/// Where `.ci/run` put the pose worker's Python and the sample clip, if it could.
enum PoseTestSetup {
    static let python = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSE_PYTHON"]
    static let sample = ProcessInfo.processInfo.environment["KNEEREHAB_TEST_POSE_VIDEO"]
}
