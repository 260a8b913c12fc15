/// Puts one person's poses on an even time grid, bridging short gaps and reporting long ones.
///
/// Phones drop frames and timestamps jitter (docs/motion-sources.md §1.3 item 1); the filters and rep timing need
/// even sampling, so the grid step is the median frame spacing and every joint is linearly interpolated onto it across
/// gaps of at most `maxGap` seconds (§1.3 item 5). Longer gaps stay NaN and are listed.
enum GridResampler {
    /// A grid longer than this many times the number of observed frames means broken timestamps.
    static let maxGridExpansion = 50

    static func resample(
        times: [Double], poses: [CanonicalPose], hasDepth: Bool, hasWorld: Bool = false, fallbackInterval: Double,
        maxGap: Double, sourceFrameCount: Int
    ) throws -> PoseRecording {
        let interval = medianSpacing(times) ?? fallbackInterval
        let span = (times.last ?? 0) - (times.first ?? 0)
        let count = Int((span / interval).rounded()) + 1
        guard count <= maxGridExpansion * times.count + 1000 else {
            throw MotionError(
                .timestamps, field: "frames[].t",
                problem: "leave gaps far longer than the frame spacing; are they in seconds?")
        }
        var x: [[Double]] = []
        var y: [[Double]] = []
        var z: [[Double]] = []
        for joint in 0..<Joint.count {
            let observed = poses.indices.filter { !poses[$0].x[joint].isNaN && !poses[$0].y[joint].isNaN }
            x.append(
                column(observed, times: times, count: count, interval: interval, maxGap: maxGap) {
                    poses[$0].x[joint]
                })
            y.append(
                column(observed, times: times, count: count, interval: interval, maxGap: maxGap) {
                    poses[$0].y[joint]
                })
            if hasDepth {
                z.append(
                    column(observed, times: times, count: count, interval: interval, maxGap: maxGap) {
                        poses[$0].z[joint]
                    })
            }
        }
        let world =
            hasWorld ? worldColumns(times: times, poses: poses, count: count, interval: interval, maxGap: maxGap) : nil
        return PoseRecording(
            interval: interval, x: x, y: y, z: hasDepth ? z : nil, world: world,
            missing: longGaps(times: times, poses: poses, maxGap: maxGap), sourceFrameCount: sourceFrameCount)
    }

    /// World landmarks on the same grid as the image columns, bridged across the same short gaps.
    ///
    /// A joint's world track has its own observed frames: a frame may carry an image keypoint without a landmark.
    private static func worldColumns(
        times: [Double], poses: [CanonicalPose], count: Int, interval: Double, maxGap: Double
    ) -> WorldColumns {
        var x: [[Double]] = []
        var y: [[Double]] = []
        var z: [[Double]] = []
        for joint in 0..<Joint.count {
            let observed = poses.indices.filter { poses[$0].world[joint] != nil }
            func track(_ coordinate: (WorldPoint) -> Double) -> [Double] {
                column(observed, times: times, count: count, interval: interval, maxGap: maxGap) {
                    poses[$0].world[joint].map(coordinate) ?? .nan
                }
            }
            x.append(track(\.x))
            y.append(track(\.y))
            z.append(track(\.z))
        }
        return WorldColumns(x: x, y: y, z: z)
    }

    static func medianSpacing(_ times: [Double]) -> Double? {
        guard times.count >= 2 else { return nil }
        let spacings = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        return spacings[spacings.count / 2]
    }

    private static func column(
        _ observed: [Int], times: [Double], count: Int, interval: Double, maxGap: Double,
        value: (Int) -> Double
    ) -> [Double] {
        var result = [Double](repeating: .nan, count: count)
        guard !observed.isEmpty else { return result }
        let start = times[0]
        let tolerance = interval * 1e-6
        var cursor = 0
        for k in 0..<count {
            let t = start + Double(k) * interval
            while cursor + 1 < observed.count, times[observed[cursor + 1]] <= t + tolerance { cursor += 1 }
            let t0 = times[observed[cursor]]
            if abs(t - t0) <= tolerance {
                result[k] = value(observed[cursor])
            } else if t > t0, cursor + 1 < observed.count {
                let t1 = times[observed[cursor + 1]]
                guard t1 - t0 <= maxGap + tolerance else { continue }
                let w = (t - t0) / (t1 - t0)
                result[k] = value(observed[cursor]) * (1 - w) + value(observed[cursor + 1]) * w
            }
        }
        return result
    }

    /// Merged intervals where any lower-limb joint is unseen for longer than `maxGap`.
    private static func longGaps(times: [Double], poses: [CanonicalPose], maxGap: Double) -> [MissingInterval] {
        var gaps: [MissingInterval] = []
        let start = times[0]
        for joint in RecordingBuilder.neededJoints {
            let seen = poses.indices.filter { poses[$0].has(joint) }.map { times[$0] - start }
            if seen.isEmpty {
                gaps.append(MissingInterval(start: 0, end: (times.last ?? start) - start))
                continue
            }
            for (a, b) in zip(seen, seen.dropFirst()) where b - a > maxGap {
                gaps.append(MissingInterval(start: a, end: b))
            }
        }
        gaps.sort { $0.start < $1.start }
        var merged: [MissingInterval] = []
        for gap in gaps {
            if let last = merged.last, gap.start <= last.end {
                merged[merged.count - 1].end = max(last.end, gap.end)
            } else {
                merged.append(gap)
            }
        }
        return merged
    }
}
