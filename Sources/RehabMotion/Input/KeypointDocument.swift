/// A joint's position in the estimator's world frame: metres from the centre of the hips, y pointing down, z along the
/// camera's line of sight (MediaPipe's `pose_world_landmarks`, docs/motion-sources.md §1.2).
///
/// Depth from one camera is estimated ("lifted"), not measured (§2.1); it still tells which way the body faces, which
/// image widths can only guess.
public struct WorldPoint: Sendable, Equatable {
    /// Metres across the image from the hip centre.
    public var x: Double
    /// Metres down from the hip centre.
    public var y: Double
    /// Metres along the line of sight from the hip centre.
    public var z: Double

    /// Creates a point.
    ///
    /// Plain memberwise initialiser, public for generators and tests.
    public init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }
}

/// One joint as an estimator reported it, before any mapping or gating.
///
/// Kept raw so the reader stays a faithful parser and every judgement (logits, gating, scaling) happens in one
/// place, `RecordingBuilder`.
public struct RawKeypoint: Sendable, Equatable {
    /// Horizontal position: normalised to the image width, or pixels.
    public var x: Double
    /// Vertical position, growing downwards: normalised to the image height, or pixels.
    public var y: Double
    /// Depth, when the estimator gives one (on the scale of x).
    public var z: Double?
    /// Confidence as given: a probability, or a logit (docs/motion-sources.md §1.2).
    public var confidence: Double?
    /// The same joint in the world frame, when the document gives `world` beside `keypoints`.
    ///
    /// Held with its image keypoint so the confidence gate, the layout mapping and the choice of person apply to both
    /// alike; a world entry whose image keypoint is null is therefore dropped with it.
    public var world: WorldPoint?

    /// Creates a keypoint.
    ///
    /// Plain memberwise initialiser, public for generators and tests.
    public init(x: Double, y: Double, z: Double? = nil, confidence: Double? = nil, world: WorldPoint? = nil) {
        self.x = x
        self.y = y
        self.z = z
        self.confidence = confidence
        self.world = world
    }
}

/// The joints of one person in one frame, in layout order; nil where the joint is missing.
public typealias RawPerson = [RawKeypoint?]

/// One frame of a recording: its time and every person the estimator saw.
///
/// Several people per frame are kept so `PersonTracker` can follow the patient instead of whoever came first.
public struct RawFrame: Sendable, Equatable {
    /// Seconds since the start, or nil to derive it from the frame rate.
    public var time: Double?
    /// The people seen, in the estimator's order.
    public var people: [RawPerson]

    /// Creates a frame.
    ///
    /// Plain memberwise initialiser, public for generators and tests.
    public init(time: Double?, people: [RawPerson]) {
        self.time = time
        self.people = people
    }
}

/// The size of the camera image in pixels.
///
/// Normalised coordinates are not isotropic on a non-square frame, so angles need them scaled back to pixels
/// (motion-sources §1.2).
public struct ImageSize: Sendable, Equatable {
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double

    /// Creates a size.
    ///
    /// Plain memberwise initialiser.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// A keypoint recording as read from a file (docs/motion.md, "Input"), not yet interpreted.
///
/// Readers produce it and `RecordingBuilder` turns it into a canonical `PoseRecording`; keeping the two apart lets
/// the JSON document and OpenPose directories share every later step.
public struct KeypointDocument: Sendable, Equatable {
    /// The declared layout, or nil to detect it.
    public var layout: KeypointLayout?
    /// The nominal frame rate, used for frames without a time.
    public var fps: Double?
    /// The image size when coordinates are normalised; nil means pixels.
    public var image: ImageSize?
    /// Whether the video was mirrored (a selfie camera), which swaps the model's left and right labels.
    public var mirrored: Bool
    /// The frames; nil where the estimator produced nothing.
    public var frames: [RawFrame?]

    /// Creates a document.
    ///
    /// Plain memberwise initialiser, public for generators and tests.
    public init(
        layout: KeypointLayout?, fps: Double?, image: ImageSize?, mirrored: Bool = false, frames: [RawFrame?]
    ) {
        self.layout = layout
        self.fps = fps
        self.image = image
        self.mirrored = mirrored
        self.frames = frames
    }
}
