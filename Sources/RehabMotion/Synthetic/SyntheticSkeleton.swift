import Foundation

/// The exact joint positions of the synthetic body for one instant, from a few kinematic parameters.
///
/// Thigh and shank have equal length so the frontal projection angle of the generated valgus is exact; proportions
/// follow Winter's anthropometric table (trunk 0.288 H, thigh and shank 0.245 H).
struct SyntheticSkeleton {
    /// Standing height in pixels.
    var height: Double
    /// Image position of the body's base (between the ankles at rest).
    var originX: Double
    var floorY: Double

    var thigh: Double { 0.245 * height }
    var trunk: Double { 0.288 * height }
    var hipWidth: Double { 0.15 * height }
    var shoulderWidth: Double { 0.23 * height }
    var ankleHeight: Double { 0.039 * height }

    /// One instant's kinematics.
    struct State {
        var flexion: Bilateral<Double> = Bilateral(left: 0, right: 0)
        var valgus: Bilateral<Double> = Bilateral(left: 0, right: 0)
        var hipFlexion = 0.0
        var support: Side?
        var pelvisDrop = 0.0  // degrees, positive when the right hip is lower
        var sway = 0.0  // horizontal shift of the whole body above the ankles, pixels
    }

    typealias Pose = [Joint: (Double, Double)]

    /// Side view, standing, patient facing +x; both legs bend by their flexion (knee forward, hip back).
    func standingSide(_ s: State) -> Pose {
        var pose: Pose = [:]
        for side in Side.allCases {
            let half = s.flexion[side] / 2 * .pi / 180
            let depthOffset = side == .left ? 0.01 * height : -0.01 * height
            let ankle = (originX + depthOffset, floorY - ankleHeight)
            let knee = (ankle.0 + thigh * sin(half), ankle.1 - thigh * cos(half))
            let hip = (knee.0 - thigh * sin(half), knee.1 - thigh * cos(half))
            pose[.ankle(side)] = ankle
            pose[.knee(side)] = knee
            pose[.hip(side)] = hip
            pose[side == .left ? .leftHeel : .rightHeel] = (ankle.0 - 0.03 * height, ankle.1 + 0.02 * height)
            pose[side == .left ? .leftToe : .rightToe] = (ankle.0 + 0.1 * height, ankle.1 + 0.03 * height)
        }
        let hipX = (pose[.leftHip, default: (0, 0)].0 + pose[.rightHip, default: (0, 0)].0) / 2
        let hipY = min(pose[.leftHip, default: (0, 0)].1, pose[.rightHip, default: (0, 0)].1)
        let lean = (s.flexion[.left] + s.flexion[.right]) / 8 * .pi / 180
        for side in Side.allCases {
            let offset = side == .left ? 0.015 * height : -0.015 * height
            pose[.shoulder(side)] = (hipX + trunk * sin(lean) + offset, hipY - trunk * cos(lean))
        }
        pose[.nose] = (hipX + trunk * sin(lean) + 0.05 * height, hipY - trunk * cos(lean) - 0.1 * height)
        return pose
    }

    /// Front view, patient facing the camera (their right leg on image left); flexion foreshortens the legs.
    ///
    /// The support leg (both when nil) stands on the floor and sets the hip height; the other leg hangs from its
    /// hip, so flexing it lifts the foot. Valgus shifts the knee medially off the hip–ankle line.
    func standingFront(_ s: State) -> Pose {
        var pose: Pose = [:]
        let support = s.support ?? .left
        let baseHipY = floorY - ankleHeight - 2 * thigh * cos(s.flexion[support] / 2 * .pi / 180)
        let tilt = tan(s.pelvisDrop * .pi / 180) * hipWidth / 2
        for side in Side.allCases {
            let lateral = side == .left ? 1.0 : -1.0  // the patient's left is image right
            let vertical = thigh * cos(s.flexion[side] / 2 * .pi / 180)
            let hip = (originX + lateral * hipWidth / 2 + s.sway, baseHipY + (side == .right ? tilt : -tilt))
            let planted = s.support == nil || s.support == side
            let ankle =
                planted ? (originX + lateral * hipWidth / 2, floorY - ankleHeight) : (hip.0, hip.1 + 2 * vertical)
            // Medial knee shift that makes the projected thigh–shank angle exactly the valgus (equal segments).
            let medial = vertical * tan(s.valgus[side] / 2 * .pi / 180)
            let knee = ((hip.0 + ankle.0) / 2 - lateral * medial, (hip.1 + ankle.1) / 2)
            pose[.hip(side)] = hip
            pose[.knee(side)] = knee
            pose[.ankle(side)] = ankle
            pose[side == .left ? .leftHeel : .rightHeel] = (ankle.0, ankle.1 + 0.02 * height)
            pose[side == .left ? .leftToe : .rightToe] = (ankle.0 + lateral * 0.02 * height, ankle.1 + 0.04 * height)
        }
        let midX = originX + s.sway
        for side in Side.allCases {
            let lateral = side == .left ? 1.0 : -1.0
            pose[.shoulder(side)] = (midX + lateral * shoulderWidth / 2, baseHipY - trunk)
        }
        pose[.nose] = (midX, baseHipY - trunk - 0.1 * height)
        return pose
    }

    /// Side view, lying supine (head at small x): straight leg raise and heel slide.
    func supineSide(_ s: State, raised: Side) -> Pose {
        var pose: Pose = [:]
        let hipY = floorY - 0.08 * height
        for side in Side.allCases {
            let depth = side == .left ? 0.01 * height : -0.01 * height
            let hip = (originX + depth, hipY)
            let lift = (side == raised ? s.hipFlexion : 0) * .pi / 180
            let bend = s.flexion[side] * .pi / 180
            // Heel slide (no hip lift): the thigh rises by half the flexion and the heel stays on the floor.
            let thighAngle = s.hipFlexion == 0 ? bend / 2 : lift
            let shankAngle = thighAngle - bend
            let knee = (hip.0 + thigh * cos(thighAngle), hip.1 - thigh * sin(thighAngle))
            let ankle = (knee.0 + thigh * cos(shankAngle), knee.1 - thigh * sin(shankAngle))
            pose[.hip(side)] = hip
            pose[.knee(side)] = knee
            pose[.ankle(side)] = ankle
            pose[.shoulder(side)] = (hip.0 - trunk, hipY + depth)
            pose[side == .left ? .leftHeel : .rightHeel] = (ankle.0 + 0.02 * height, ankle.1 + 0.02 * height)
            pose[side == .left ? .leftToe : .rightToe] = (ankle.0 + 0.04 * height, ankle.1 - 0.08 * height)
        }
        pose[.nose] = (originX - trunk - 0.12 * height, hipY - 0.05 * height)
        return pose
    }
}
