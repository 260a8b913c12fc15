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

    /// A pose with every joint missing.
    ///
    /// The starting point that readers fill in.
    public init() {
        x = Array(repeating: .nan, count: Joint.count)
        y = Array(repeating: .nan, count: Joint.count)
        z = Array(repeating: .nan, count: Joint.count)
    }

    /// Whether a joint was seen.
    ///
    /// A joint counts only with both image coordinates.
    public func has(_ joint: Joint) -> Bool { !x[joint.rawValue].isNaN && !y[joint.rawValue].isNaN }
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
    /// Gaps too long to bridge.
    public var missing: [MissingInterval]
    /// How many frames the source file held (before resampling).
    public var sourceFrameCount: Int

    /// Creates a recording.
    ///
    /// Columns must all have the same length; `RecordingBuilder` guarantees it for read data.
    public init(
        interval: Double, x: [[Double]], y: [[Double]], z: [[Double]]?, missing: [MissingInterval] = [],
        sourceFrameCount: Int? = nil
    ) {
        self.interval = interval
        self.x = x
        self.y = y
        self.z = z
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
