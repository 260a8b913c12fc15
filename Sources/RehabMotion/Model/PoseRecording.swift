/// The pose of one person in one frame, in canonical joint order; NaN marks a missing joint.
///
/// NaN instead of optionals keeps the columns flat and the maths branch-free.
public struct CanonicalPose: Sendable, Equatable {
    /// Horizontal positions, one per `Joint`.
    public var x: [Double]
    /// Vertical positions (growing downwards), one per `Joint`.
    public var y: [Double]
    /// Depths, one per `Joint`; NaN throughout for 2D data.
    public var z: [Double]
    /// World landmarks (metres from the hip centre, `WorldPoint`), one per `Joint`; nil where not given.
    public var world: [WorldPoint?]

    /// A pose with every joint missing.
    ///
    /// The starting point that readers fill in.
    public init() {
        x = Array(repeating: .nan, count: Joint.count)
        y = Array(repeating: .nan, count: Joint.count)
        z = Array(repeating: .nan, count: Joint.count)
        world = Array(repeating: nil, count: Joint.count)
    }

    /// Whether a joint was seen.
    ///
    /// A joint counts only with both image coordinates.
    public func has(_ joint: Joint) -> Bool { !x[joint.rawValue].isNaN && !y[joint.rawValue].isNaN }

    /// Whether any joint carries a world landmark.
    public var hasWorld: Bool { world.contains { $0 != nil } }
}

/// World landmark columns of a recording, `x[joint.rawValue][frame]` in metres; NaN where missing.
///
/// Kept apart from the image columns because the two frames differ: pixels with the origin at the image corner
/// against metres with the origin at the hip centre (docs/motion-sources.md §1.2).
public struct WorldColumns: Sendable, Equatable {
    /// Metres across the image from the hip centre.
    public var x: [[Double]]
    /// Metres down from the hip centre.
    public var y: [[Double]]
    /// Metres along the line of sight from the hip centre.
    public var z: [[Double]]

    /// Creates columns.
    ///
    /// All columns must have the recording's length; `GridResampler` guarantees it for read data.
    public init(x: [[Double]], y: [[Double]], z: [[Double]]) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// One joint at one sample; NaN coordinates where missing.
    @inline(__always)
    public func point(_ joint: Joint, _ frame: Int) -> (Double, Double, Double) {
        (x[joint.rawValue][frame], y[joint.rawValue][frame], z[joint.rawValue][frame])
    }
}

/// A stretch of time with a needed joint missing for longer than interpolation may bridge.
///
/// Reported to the user instead of being papered over (docs/motion-sources.md §1.3 item 5).
public struct MissingInterval: Sendable, Equatable, Codable {
    /// Seconds from the start of the recording where the gap opens.
    public var start: Double
    /// Seconds from the start where data resumes.
    public var end: Double

    /// Creates an interval.
    ///
    /// Plain memberwise initialiser.
    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// One person's joints on an even time grid, column per joint: the input of every measure.
///
/// Columns (structure of arrays) make each signal one tight loop over contiguous doubles, which is what lets the
/// analysis run at millions of frames per second (motion-sources §5).
public struct PoseRecording: Sendable {
    /// Seconds between samples.
    public var interval: Double
    /// Horizontal positions in pixels (or metres), `x[joint.rawValue][frame]`; NaN where missing.
    public var x: [[Double]]
    /// Vertical positions, growing downwards, `y[joint.rawValue][frame]`; NaN where missing.
    public var y: [[Double]]
    /// Depths on the scale of x, or nil for 2D data.
    public var z: [[Double]]?
    /// World landmarks on the same grid, or nil when the document gave none.
    public var world: WorldColumns?
    /// Gaps too long to bridge.
    public var missing: [MissingInterval]
    /// How many frames the source file held (before resampling).
    public var sourceFrameCount: Int

    /// Creates a recording.
    ///
    /// Columns must all have the same length; `RecordingBuilder` guarantees it for read data.
    public init(
        interval: Double, x: [[Double]], y: [[Double]], z: [[Double]]?, world: WorldColumns? = nil,
        missing: [MissingInterval] = [], sourceFrameCount: Int? = nil
    ) {
        self.interval = interval
        self.x = x
        self.y = y
        self.z = z
        self.world = world
        self.missing = missing
        self.sourceFrameCount = sourceFrameCount ?? x.first?.count ?? 0
    }

    /// The number of samples on the grid.
    public var count: Int { x.first?.count ?? 0 }

    /// Seconds from the first to the last sample.
    public var duration: Double { Double(max(count - 1, 0)) * interval }

    /// Whether depth is available, so knee flexion can be measured in 3D.
    public var is3D: Bool { z != nil }
}
