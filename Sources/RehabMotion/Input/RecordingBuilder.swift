import Foundation

/// How to interpret a keypoint document: overrides from the user and the quality gates.
///
/// Defaults follow docs/motion-sources.md §1.3 item 5 (Sports2D's defaults).
public struct RecordingOptions: Sendable {
    /// A layout that overrides the document's (the `--layout` option); nil keeps the document's or detects.
    public var layout: KeypointLayout?
    /// A frame rate that overrides the document's, for frames without a time.
    public var fps: Double?
    /// Treat the video as mirrored even when the document does not say so.
    public var mirrored: Bool
    /// Joints below this confidence are dropped (§1.3 item 5: about 0.3, Sports2D's default).
    public var confidenceThreshold: Double
    /// Gaps up to this many seconds are interpolated; longer ones are reported (§1.3 item 5: about 0.3 s).
    public var maxBridgedGap: Double
    /// A frame is dropped when fewer than this share of the lower-limb joints are good (§1.3 item 5: about 30 %).
    public var minGoodJointFraction: Double

    /// Creates options; every parameter has the documented default.
    ///
    /// Public so the command line and the API build the same pipeline.
    public init(
        layout: KeypointLayout? = nil, fps: Double? = nil, mirrored: Bool = false,
        confidenceThreshold: Double = 0.3, maxBridgedGap: Double = 0.3, minGoodJointFraction: Double = 0.3
    ) {
        self.layout = layout
        self.fps = fps
        self.mirrored = mirrored
        self.confidenceThreshold = confidenceThreshold
        self.maxBridgedGap = maxBridgedGap
        self.minGoodJointFraction = minGoodJointFraction
    }
}

/// Turns a raw document into one person's canonical, evenly sampled `PoseRecording`.
///
/// One place does layout mapping, image scaling, mirroring, logit handling, confidence gating, person tracking,
/// gap bridging and resampling, so every reader and every measure agrees on what a frame means. World landmarks ride
/// with their image keypoints through every one of these steps.
public enum RecordingBuilder {
    /// The frame rate assumed when neither the document nor the user gives one (docs/motion.md: 30).
    public static let defaultFPS = 30.0
    /// The lower-limb joints whose presence decides whether a frame is usable.
    static let neededJoints: [Joint] = [.leftHip, .rightHip, .leftKnee, .rightKnee, .leftAnkle, .rightAnkle]

    /// Builds the recording or throws a `MotionError` naming the field at fault.
    ///
    /// Throws `notEnoughData` when no frame holds a usable person.
    public static func build(_ document: KeypointDocument, options: RecordingOptions = .init()) throws
        -> PoseRecording
    {
        let layout = try resolveLayout(document, options: options)
        let fps = options.fps ?? document.fps ?? defaultFPS
        let mirrored = options.mirrored || document.mirrored
        var tracker = PersonTracker()
        var times: [Double] = []
        var poses: [CanonicalPose] = []
        var hasDepth = false
        var previousTime = -Double.infinity
        for (index, frame) in document.frames.enumerated() {
            guard let frame else { continue }
            let time = frame.time ?? Double(index) / fps
            guard time > previousTime else {
                throw MotionError(
                    .timestamps, field: "frames[\(index)].t",
                    problem: "is not after the previous frame's time; frames must be in time order")
            }
            previousTime = time
            var candidates: [CanonicalPose] = []
            for (personIndex, person) in frame.people.enumerated() {
                guard person.count == layout.jointCount else {
                    throw MotionError(
                        .layout, field: "frames[\(index)].people[\(personIndex)]",
                        problem: "has \(person.count) joints but layout \(layout.rawValue) has \(layout.jointCount)")
                }
                let pose = canonical(
                    person, layout: layout, image: document.image, mirrored: mirrored,
                    threshold: options.confidenceThreshold, hasDepth: &hasDepth)
                if isUsable(pose, minFraction: options.minGoodJointFraction) { candidates.append(pose) }
            }
            guard let pick = tracker.pick(candidates, time: time) else { continue }
            times.append(time)
            poses.append(candidates[pick])
        }
        guard !poses.isEmpty else {
            throw MotionError(.notEnoughData, field: "frames", problem: "no frame holds a usable person")
        }
        return try GridResampler.resample(
            times: times, poses: poses, hasDepth: hasDepth, hasWorld: poses.contains(where: \.hasWorld),
            fallbackInterval: 1 / fps,
            maxGap: options.maxBridgedGap, sourceFrameCount: document.frames.count)
    }

    static func resolveLayout(_ document: KeypointDocument, options: RecordingOptions) throws -> KeypointLayout {
        if let layout = options.layout ?? document.layout { return layout }
        return try LayoutDetector.detect(document.frames)
    }

    /// The logistic function, applied to confidences outside [0, 1], which are logits (§1.2).
    static func probability(_ confidence: Double) -> Double {
        (0...1).contains(confidence) ? confidence : 1 / (1 + exp(-confidence))
    }

    static func canonical(
        _ person: RawPerson, layout: KeypointLayout, image: ImageSize?, mirrored: Bool, threshold: Double,
        hasDepth: inout Bool
    ) -> CanonicalPose {
        var pose = CanonicalPose()
        let scaleX = image?.width ?? 1
        let scaleY = image?.height ?? 1
        for joint in Joint.allCases {
            guard let index = layout.index(of: joint), let point = person[index] else { continue }
            guard point.x.isFinite, point.y.isFinite else { continue }
            if let confidence = point.confidence, !confidence.isFinite || probability(confidence) < threshold {
                continue
            }
            // Mirrored video: flip x back and swap the model's side labels (§1.2, "Selfie/front cameras").
            let target = mirrored ? joint.swapped : joint
            let x = point.x * scaleX
            pose.x[target.rawValue] = mirrored ? scaleX - x : x
            pose.y[target.rawValue] = point.y * scaleY
            // Depth counts only for pixel or world coordinates (no `image`): MediaPipe's normalised z is a rough
            // relative depth (§1.2) that inflated real knee angles by tens of degrees on the Sports2D clip.
            if image == nil, let z = point.z, z.isFinite {
                pose.z[target.rawValue] = z
                hasDepth = true
            }
            if let world = point.world, world.x.isFinite, world.y.isFinite, world.z.isFinite {
                // The world frame turns with the picture: a mirrored video mirrors its x as well.
                pose.world[target.rawValue] = WorldPoint(x: mirrored ? -world.x : world.x, y: world.y, z: world.z)
            }
        }
        return pose
    }

    static func isUsable(_ pose: CanonicalPose, minFraction: Double) -> Bool {
        let good = neededJoints.filter { pose.has($0) }.count
        return Double(good) >= minFraction * Double(neededJoints.count) && good > 0
    }
}
