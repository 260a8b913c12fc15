/// Follows one person through frames that may show several.
///
/// Estimators list people in no stable order, and an identity switch produces spurious flexion of 100° and more
/// (docs/motion-sources.md §2.4, measured on the Sports2D clip), so each frame's pick is the person nearest, in body
/// size and position, to the one followed so far.
public struct PersonTracker: Sendable {
    /// The largest jump, in body heights per frame plus per second elapsed, still taken as the same person.
    ///
    /// A person moves well under 2 body heights per second in any rehab exercise; beyond that it is someone else.
    public static let maxJumpBodyHeights = 0.5
    /// Speed allowance in body heights per second, added to `maxJumpBodyHeights` across gaps.
    public static let maxSpeedBodyHeights = 2.0
    /// After this long without a match the tracker starts over with the most prominent person.
    public static let reacquireSeconds = 1.0

    private var last: (x: Double, y: Double, size: Double, time: Double)?

    /// Creates a tracker that has seen nobody yet.
    ///
    /// The first frame's most prominent person (largest, most complete) is taken as the patient.
    public init() {}

    /// The index of the followed person in this frame, or nil when none matches.
    ///
    /// Call once per frame in time order.
    public mutating func pick(_ people: [CanonicalPose], time: Double) -> Int? {
        let summaries = people.map(Self.summary)
        if let last, time - last.time <= Self.reacquireSeconds {
            let allowance = Self.maxJumpBodyHeights + Self.maxSpeedBodyHeights * (time - last.time)
            var best: (index: Int, cost: Double)?
            for (index, candidate) in summaries.enumerated() {
                guard let candidate else { continue }
                let jump =
                    ((candidate.x - last.x) * (candidate.x - last.x)
                    + (candidate.y - last.y) * (candidate.y - last.y)).squareRoot() / last.size
                let sizeChange = abs(candidate.size / last.size - 1)
                let cost = jump + sizeChange
                if jump <= allowance, cost < (best?.cost ?? .infinity) { best = (index, cost) }
            }
            if let best, let chosen = summaries[best.index] {
                self.last = (chosen.x, chosen.y, chosen.size, time)
            }
            return best?.index
        }
        let prominent = summaries.enumerated().compactMap { index, summary in
            summary.map { (index, $0.size * Double($0.seen)) }
        }.max { $0.1 < $1.1 }
        if let prominent, let chosen = summaries[prominent.0] {
            last = (chosen.x, chosen.y, chosen.size, time)
        }
        return prominent?.0
    }

    /// Centre, height of the bounding box, and number of joints seen; nil with fewer than 3 joints.
    private static func summary(_ pose: CanonicalPose) -> (x: Double, y: Double, size: Double, seen: Int)? {
        var minY = Double.infinity
        var maxY = -Double.infinity
        var sumX = 0.0
        var sumY = 0.0
        var seen = 0
        for joint in 0..<Joint.count where !pose.x[joint].isNaN && !pose.y[joint].isNaN {
            minY = min(minY, pose.y[joint])
            maxY = max(maxY, pose.y[joint])
            sumX += pose.x[joint]
            sumY += pose.y[joint]
            seen += 1
        }
        guard seen >= 3 else { return nil }
        let minX = pose.x.filter { !$0.isNaN }.min() ?? 0
        let maxX = pose.x.filter { !$0.isNaN }.max() ?? 0
        let size = max(maxY - minY, maxX - minX, 1e-6)
        return (sumX / Double(seen), sumY / Double(seen), size, seen)
    }
}
