import Foundation

/// Every per-frame signal the exercise measures draw on, for both legs, raw and filtered.
///
/// Computed once per recording in column loops, then smoothed by the zero-lag Butterworth
/// (docs/motion-sources.md §2.4); each exercise reads the few it needs.
public struct MotionSignals: Sendable {
    /// Seconds between samples.
    public var interval: Double
    /// Knee flexion in degrees (3D when depth is given), indexed by `Side`.
    public var kneeFlexion: Bilateral<[Double]>
    /// Hip flexion in degrees: 180° − ∠(shoulder, hip, knee), the thigh's lift from the trunk line.
    public var hipFlexion: Bilateral<[Double]>
    /// Frontal plane projection angle in degrees, positive for valgus.
    public var frontalProjection: Bilateral<[Double]>
    /// Hip-to-ankle distance over thigh plus shank length: 1 for a straight leg, smaller as the knee bends.
    ///
    /// Follows knee bending in any view, so it times reps and peak flexion where the angle itself is not readable.
    public var legExtension: Bilateral<[Double]>
    /// Pelvis tilt in degrees, positive when the right hip is lower in the image.
    public var pelvisTilt: [Double]
    /// Shoulder-line tilt in degrees, positive when the right shoulder is lower (lateral trunk lean).
    public var trunkTilt: [Double]
    /// Centre-of-mass proxy (mid-hip), horizontal.
    public var centreX: [Double]
    /// Centre-of-mass proxy (mid-hip), vertical.
    public var centreY: [Double]
    /// Unfiltered hip positions, horizontal, indexed by `Side`: sway filters the centre of mass its own way.
    public var hipX: Bilateral<[Double]>
    /// Unfiltered hip positions, vertical, indexed by `Side`.
    public var hipY: Bilateral<[Double]>
    /// Ankle heights (vertical image positions), indexed by `Side`.
    public var ankleY: Bilateral<[Double]>
    /// Ankle horizontal image positions, indexed by `Side`: with `ankleY`, whether a foot is planted.
    public var ankleX: Bilateral<[Double]>
    /// Knee and hip flexion from the world landmarks, when the recording has them.
    public var world: WorldAngles?
    /// Estimated standing body height in the recording's units.
    public var bodyHeight: Double

    /// Fraction of standing height from ankle to shoulder: segment lengths of Winter's anthropometric table
    /// (shoulder 0.818 H, hip 0.530 H, knee 0.285 H, ankle 0.039 H), used to estimate height from keypoints.
    public static let ankleToShoulderFraction = 0.818 - 0.039

    /// Knee flexion implied by how much the leg looks shortened: 2·acos(hip–ankle / (thigh + shank)).
    ///
    /// Exact for equal thigh and shank seen at any angle in which the leg's length is foreshortened only by the bend,
    /// so it times reps and finds peak flexion in a front view; it is not reported as an angle.
    public func apparentFlexion(_ side: Side) -> [Double] {
        legExtension[side].map { $0.isNaN ? .nan : 2 * acos(min($0, 1)) * JointAngles.degreesPerRadian }
    }

    /// Computes and filters every signal of a recording.
    ///
    /// `cutoff` is the Butterworth cut-off in Hz; pass nil for raw signals (tests of the filter's effect).
    public init(_ recording: PoseRecording, cutoff: Double? = ButterworthFilter.defaultCutoff) {
        interval = recording.interval
        let filter = cutoff.map { ButterworthFilter(cutoff: $0, sampleRate: 1 / recording.interval) }
        // Each signal is filtered in place through one shared workspace: one allocation per stored signal.
        var scratch: [Double] = []
        func smooth(_ signal: consuming [Double]) -> [Double] {
            var signal = signal
            filter?.filter(&signal, scratch: &scratch)
            return signal
        }
        kneeFlexion = Bilateral { smooth(Self.kneeFlexion(recording, $0)) }
        hipFlexion = Bilateral { smooth(Self.hipFlexion(recording, $0)) }
        frontalProjection = Bilateral { smooth(Self.frontalProjection(recording, $0)) }
        legExtension = Bilateral { smooth(Self.legExtension(recording, $0)) }
        ankleY = Bilateral { smooth(recording.y[Joint.ankle($0).rawValue]) }
        ankleX = Bilateral { smooth(recording.x[Joint.ankle($0).rawValue]) }
        world = recording.world.map { columns in
            WorldAngles(
                kneeFlexion: Bilateral { smooth(WorldAngles.kneeFlexion(columns, $0, count: recording.count)) },
                hipFlexion: Bilateral { smooth(WorldAngles.hipFlexion(columns, $0, count: recording.count)) })
        }
        hipX = Bilateral { recording.x[Joint.hip($0).rawValue] }
        hipY = Bilateral { recording.y[Joint.hip($0).rawValue] }
        pelvisTilt = smooth(Self.tilt(recording, from: .leftHip, to: .rightHip))
        trunkTilt = smooth(Self.tilt(recording, from: .leftShoulder, to: .rightShoulder))
        centreX = smooth(Self.midpoint(hipX.left, hipX.right))
        centreY = smooth(Self.midpoint(hipY.left, hipY.right))
        bodyHeight = Self.bodyHeight(recording)
    }

    /// The number of samples.
    public var count: Int { pelvisTilt.count }

    static func midpoint(_ a: [Double], _ b: [Double]) -> [Double] {
        var out = [Double](repeating: .nan, count: a.count)
        for i in 0..<a.count { out[i] = (a[i] + b[i]) / 2 }
        return out
    }

    static func kneeFlexion(_ r: PoseRecording, _ side: Side) -> [Double] {
        let (h, k, a) = (Joint.hip(side).rawValue, Joint.knee(side).rawValue, Joint.ankle(side).rawValue)
        let (hx, hy, kx, ky, ax, ay) = (r.x[h], r.y[h], r.x[k], r.y[k], r.x[a], r.y[a])
        var out = [Double](repeating: .nan, count: r.count)
        if let z = r.z {
            let (hz, kz, az) = (z[h], z[k], z[a])
            for i in 0..<r.count {
                out[i] = JointAngles.flexion3D((hx[i], hy[i], hz[i]), (kx[i], ky[i], kz[i]), (ax[i], ay[i], az[i]))
            }
            // A joint without depth falls back to the image plane.
            for i in 0..<r.count where out[i].isNaN {
                out[i] = JointAngles.flexion(hx[i], hy[i], kx[i], ky[i], ax[i], ay[i])
            }
        } else {
            for i in 0..<r.count { out[i] = JointAngles.signedFlexion(hx[i], hy[i], kx[i], ky[i], ax[i], ay[i]) }
            orientBend(&out)
        }
        return out
    }

    /// The bend direction of most clearly bent samples counts as flexion; the other direction is hyperextension.
    /// With no clear bend the sign is unknown and the unsigned angle is kept.
    static func orientBend(_ values: inout [Double]) {
        var balance = 0
        for value in values where abs(value) > clearBendDegrees { balance += value > 0 ? 1 : -1 }
        if balance == 0 {
            for i in values.indices { values[i] = abs(values[i]) }
        } else if balance < 0 {
            for i in values.indices { values[i] = -values[i] }
        }
    }

    /// A bend this large cannot be noise, so its direction fixes the sign of flexion.
    static let clearBendDegrees = 15.0

    static func hipFlexion(_ r: PoseRecording, _ side: Side) -> [Double] {
        let (s, h, k) = (Joint.shoulder(side).rawValue, Joint.hip(side).rawValue, Joint.knee(side).rawValue)
        let (sx, sy, hx, hy, kx, ky) = (r.x[s], r.y[s], r.x[h], r.y[h], r.x[k], r.y[k])
        var out = [Double](repeating: .nan, count: r.count)
        for i in 0..<r.count { out[i] = JointAngles.flexion(sx[i], sy[i], hx[i], hy[i], kx[i], ky[i]) }
        return out
    }

    static func frontalProjection(_ r: PoseRecording, _ side: Side) -> [Double] {
        let h = Joint.hip(side).rawValue
        let k = Joint.knee(side).rawValue
        let a = Joint.ankle(side).rawValue
        let o = Joint.hip(side.opposite).rawValue
        let (hx, hy, kx, ky, ax, ay, ox, oy) = (r.x[h], r.y[h], r.x[k], r.y[k], r.x[a], r.y[a], r.x[o], r.y[o])
        var out = [Double](repeating: .nan, count: r.count)
        for i in 0..<r.count {
            out[i] = JointAngles.frontalProjection(
                hip: (hx[i], hy[i]), knee: (kx[i], ky[i]), ankle: (ax[i], ay[i]), otherHip: (ox[i], oy[i]))
        }
        return out
    }

    static func legExtension(_ r: PoseRecording, _ side: Side) -> [Double] {
        let (h, k, a) = (Joint.hip(side).rawValue, Joint.knee(side).rawValue, Joint.ankle(side).rawValue)
        let (hx, hy, kx, ky, ax, ay) = (r.x[h], r.y[h], r.x[k], r.y[k], r.x[a], r.y[a])
        // Segment lengths from their 90th percentile: the least foreshortened views of each segment.
        let thigh = Statistics.quantile(count: r.count, 0.9) { JointAngles.distance(hx[$0], hy[$0], kx[$0], ky[$0]) }
        let shank = Statistics.quantile(count: r.count, 0.9) { JointAngles.distance(kx[$0], ky[$0], ax[$0], ay[$0]) }
        let length = thigh + shank
        var out = [Double](repeating: .nan, count: r.count)
        guard length > 0 else { return out }
        for i in 0..<r.count { out[i] = JointAngles.distance(hx[i], hy[i], ax[i], ay[i]) / length }
        return out
    }

    static func tilt(_ r: PoseRecording, from a: Joint, to b: Joint) -> [Double] {
        let (ax, ay, bx, by) = (r.x[a.rawValue], r.y[a.rawValue], r.x[b.rawValue], r.y[b.rawValue])
        var out = [Double](repeating: .nan, count: r.count)
        for i in 0..<r.count { out[i] = JointAngles.tilt(ax[i], ay[i], bx[i], by[i]) }
        return out
    }

    /// Standing height from the least foreshortened shoulder–hip–knee–ankle chain.
    ///
    /// Both legs' chains count, left then right, as one population; a chain with a joint missing is skipped.
    static func bodyHeight(_ r: PoseRecording) -> Double {
        let left = LegChain(r, .left)
        let right = LegChain(r, .right)
        let n = r.count
        let chain = Statistics.quantile(count: 2 * n, 0.9) { $0 < n ? left.length($0) : right.length($0 - n) }
        return chain / ankleToShoulderFraction
    }
}

/// One leg's shoulder, hip, knee and ankle columns, for the body-height estimate.
private struct LegChain {
    let sx: [Double]
    let sy: [Double]
    let hx: [Double]
    let hy: [Double]
    let kx: [Double]
    let ky: [Double]
    let ax: [Double]
    let ay: [Double]

    init(_ r: PoseRecording, _ side: Side) {
        let (s, h, k, a) = (
            Joint.shoulder(side).rawValue, Joint.hip(side).rawValue, Joint.knee(side).rawValue,
            Joint.ankle(side).rawValue
        )
        (sx, sy, hx, hy, kx, ky, ax, ay) = (r.x[s], r.y[s], r.x[h], r.y[h], r.x[k], r.y[k], r.x[a], r.y[a])
    }

    /// Shoulder–hip–knee–ankle length at frame `i`; NaN when a joint is missing.
    func length(_ i: Int) -> Double {
        JointAngles.distance(sx[i], sy[i], hx[i], hy[i]) + JointAngles.distance(hx[i], hy[i], kx[i], ky[i])
            + JointAngles.distance(kx[i], ky[i], ax[i], ay[i])
    }
}
