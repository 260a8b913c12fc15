import Foundation

/// Every per-frame signal the exercise measures draw on, for both legs, raw and filtered.
///
/// Computed once per recording in column loops, then smoothed by the zero-lag Butterworth (§2.4); each exercise
/// reads the few it needs.
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
    /// Ankle heights (vertical image positions), indexed by `Side`.
    public var ankleY: Bilateral<[Double]>
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
        let smooth: ([Double]) -> [Double] = { filter?.filtered($0) ?? $0 }
        var flexion = Bilateral<[Double]>(left: [], right: [])
        var hip = Bilateral<[Double]>(left: [], right: [])
        var fppa = Bilateral<[Double]>(left: [], right: [])
        var extensionRatio = Bilateral<[Double]>(left: [], right: [])
        var ankle = Bilateral<[Double]>(left: [], right: [])
        for side in Side.allCases {
            flexion[side] = smooth(Self.kneeFlexion(recording, side))
            hip[side] = smooth(Self.hipFlexion(recording, side))
            fppa[side] = smooth(Self.frontalProjection(recording, side))
            extensionRatio[side] = smooth(Self.legExtension(recording, side))
            ankle[side] = smooth(recording.y[Joint.ankle(side).rawValue])
        }
        kneeFlexion = flexion
        hipFlexion = hip
        frontalProjection = fppa
        legExtension = extensionRatio
        ankleY = ankle
        pelvisTilt = smooth(Self.tilt(recording, from: .leftHip, to: .rightHip))
        trunkTilt = smooth(Self.tilt(recording, from: .leftShoulder, to: .rightShoulder))
        let lx = recording.x[Joint.leftHip.rawValue]
        let rx = recording.x[Joint.rightHip.rawValue]
        let ly = recording.y[Joint.leftHip.rawValue]
        let ry = recording.y[Joint.rightHip.rawValue]
        centreX = smooth(zip(lx, rx).map { ($0 + $1) / 2 })
        centreY = smooth(zip(ly, ry).map { ($0 + $1) / 2 })
        bodyHeight = Self.bodyHeight(recording)
    }

    /// The number of samples.
    public var count: Int { pelvisTilt.count }

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
        var thigh: [Double] = []
        var shank: [Double] = []
        for i in 0..<r.count where !(hx[i] + kx[i] + ax[i] + hy[i] + ky[i] + ay[i]).isNaN {
            thigh.append(JointAngles.distance(hx[i], hy[i], kx[i], ky[i]))
            shank.append(JointAngles.distance(kx[i], ky[i], ax[i], ay[i]))
        }
        // Segment lengths from their 90th percentile: the least foreshortened views of each segment.
        let length = Statistics.quantile(thigh, 0.9) + Statistics.quantile(shank, 0.9)
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
    static func bodyHeight(_ r: PoseRecording) -> Double {
        var chains: [Double] = []
        for side in Side.allCases {
            let joints = [Joint.shoulder(side), .hip(side), .knee(side), .ankle(side)].map(\.rawValue)
            for i in 0..<r.count {
                var length = 0.0
                for (p, q) in zip(joints, joints.dropFirst()) {
                    length += JointAngles.distance(r.x[p][i], r.y[p][i], r.x[q][i], r.y[q][i])
                }
                if !length.isNaN { chains.append(length) }
            }
        }
        return Statistics.quantile(chains, 0.9) / ankleToShoulderFraction
    }
}
