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
        var swing = 0.0  // sideways swing of the free leg away from the midline, degrees
    }

    typealias Pose = [Joint: (Double, Double)]
    /// Joints in the body's own frame, pixels: (toward the patient's left, down, forward).
    typealias Pose3D = [Joint: (Double, Double, Double)]

    /// Metres per pixel: the body stands 1.70 m tall.
    var metresPerPixel: Double { 1.7 / height }

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
            var ankle =
                planted ? (originX + lateral * hipWidth / 2, floorY - ankleHeight) : (hip.0, hip.1 + 2 * vertical)
            // Medial knee shift that makes the projected thigh–shank angle exactly the valgus (equal segments).
            let medial = vertical * tan(s.valgus[side] / 2 * .pi / 180)
            var knee = ((hip.0 + ankle.0) / 2 - lateral * medial, (hip.1 + ankle.1) / 2)
            if !planted, s.swing != 0 {
                knee = Self.swung(knee, about: hip, by: lateral * s.swing)
                ankle = Self.swung(ankle, about: hip, by: lateral * s.swing)
            }
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
    /// A point turned about `centre` in the image plane, toward image right for positive degrees (y grows down).
    static func swung(_ point: (Double, Double), about centre: (Double, Double), by degrees: Double) -> (Double, Double)
    {
        let angle = degrees * .pi / 180
        let dx = point.0 - centre.0
        let dy = point.1 - centre.1
        return (centre.0 + dx * cos(angle) + dy * sin(angle), centre.1 - dx * sin(angle) + dy * cos(angle))
    }

    /// Standing, in 3D: the front drawing's legs, pelvis and sway, with each knee forward of its hip–ankle line by
    /// the thigh times sin(flexion / 2) and the trunk leaning forward like the side drawing's.
    ///
    /// Thigh and shank keep their length, so the 3D knee angle is exactly the flexion when there is no valgus.
    func standing3D(_ s: State) -> Pose3D {
        var pose: Pose3D = [:]
        let support = s.support ?? .left
        let baseHipY = floorY - ankleHeight - 2 * thigh * cos(s.flexion[support] / 2 * .pi / 180)
        let tilt = tan(s.pelvisDrop * .pi / 180) * hipWidth / 2
        for side in Side.allCases {
            let lateral = side == .left ? 1.0 : -1.0
            let half = s.flexion[side] / 2 * .pi / 180
            let vertical = thigh * cos(half)
            let hip = (lateral * hipWidth / 2 + s.sway, baseHipY + (side == .right ? tilt : -tilt), 0.0)
            let planted = s.support == nil || s.support == side
            var ankle =
                planted ? (lateral * hipWidth / 2, floorY - ankleHeight, 0.0) : (hip.0, hip.1 + 2 * vertical, 0.0)
            let medial = vertical * tan(s.valgus[side] / 2 * .pi / 180)
            var knee = ((hip.0 + ankle.0) / 2 - lateral * medial, (hip.1 + ankle.1) / 2, thigh * sin(half))
            if !planted, s.swing != 0 {
                // Toward the patient's left is image right when facing the camera: the same turn as the drawing's.
                let k = Self.swung((knee.0, knee.1), about: (hip.0, hip.1), by: lateral * s.swing)
                let a = Self.swung((ankle.0, ankle.1), about: (hip.0, hip.1), by: lateral * s.swing)
                knee = (k.0, k.1, knee.2)
                ankle = (a.0, a.1, ankle.2)
            }
            pose[.hip(side)] = hip
            pose[.knee(side)] = knee
            pose[.ankle(side)] = ankle
            pose[side == .left ? .leftHeel : .rightHeel] = (ankle.0, ankle.1 + 0.02 * height, ankle.2 - 0.03 * height)
            pose[side == .left ? .leftToe : .rightToe] = (
                ankle.0 + lateral * 0.02 * height, ankle.1 + 0.03 * height, ankle.2 + 0.1 * height
            )
        }
        let lean = (s.flexion[.left] + s.flexion[.right]) / 8 * .pi / 180
        let shoulderY = baseHipY - trunk * cos(lean)
        for side in Side.allCases {
            let lateral = side == .left ? 1.0 : -1.0
            pose[.shoulder(side)] = (s.sway + lateral * shoulderWidth / 2, shoulderY, trunk * sin(lean))
        }
        pose[.nose] = (s.sway, shoulderY - 0.1 * height, trunk * sin(lean) + 0.05 * height)
        return pose
    }

    /// Lying on the back, in 3D: the side drawing's legs with the hips and shoulders their real width apart;
    /// "forward" runs along the body toward the feet.
    func supine3D(_ s: State, raised: Side) -> Pose3D {
        var pose: Pose3D = [:]
        let hipY = floorY - 0.08 * height
        for side in Side.allCases {
            let lateral = side == .left ? 1.0 : -1.0
            let lift = (side == raised ? s.hipFlexion : 0) * .pi / 180
            let bend = s.flexion[side] * .pi / 180
            let thighAngle = s.hipFlexion == 0 ? bend / 2 : lift
            let shankAngle = thighAngle - bend
            let hip = (lateral * hipWidth / 2, hipY, 0.0)
            let knee = (hip.0, hipY - thigh * sin(thighAngle), thigh * cos(thighAngle))
            let ankle = (hip.0, knee.1 - thigh * sin(shankAngle), knee.2 + thigh * cos(shankAngle))
            pose[.hip(side)] = hip
            pose[.knee(side)] = knee
            pose[.ankle(side)] = ankle
            pose[.shoulder(side)] = (lateral * shoulderWidth / 2, hipY, -trunk)
            pose[side == .left ? .leftHeel : .rightHeel] = (ankle.0, ankle.1 + 0.02 * height, ankle.2 + 0.02 * height)
            pose[side == .left ? .leftToe : .rightToe] = (ankle.0, ankle.1 - 0.08 * height, ankle.2 + 0.04 * height)
        }
        pose[.nose] = (0, hipY - 0.05 * height, -trunk - 0.12 * height)
        return pose
    }

    /// A 3D pose seen by a camera the body is turned `yaw` degrees from facing (0 = facing it, 90 = its right side
    /// toward the camera and facing image right): image points in pixels, world landmarks in metres from the hip
    /// centre, and depth along the line of sight in pixels (smaller is nearer).
    func turned(_ body: Pose3D, yaw: Double) -> (image: Pose, world: [Joint: WorldPoint], depth: [Joint: Double]) {
        let angle = yaw * .pi / 180
        var rotated: [Joint: (Double, Double, Double)] = [:]
        for (joint, point) in body {
            // A rotation about the vertical: across = lateral·cos + forward·sin, depth = lateral·sin − forward·cos.
            rotated[joint] = (
                point.0 * cos(angle) + point.2 * sin(angle), point.1, point.0 * sin(angle) - point.2 * cos(angle)
            )
        }
        let left = rotated[.leftHip, default: (0, 0, 0)]
        let right = rotated[.rightHip, default: (0, 0, 0)]
        let centre = ((left.0 + right.0) / 2, (left.1 + right.1) / 2, (left.2 + right.2) / 2)
        var image: Pose = [:]
        var world: [Joint: WorldPoint] = [:]
        var depth: [Joint: Double] = [:]
        for (joint, point) in rotated {
            image[joint] = (originX + point.0, point.1)
            world[joint] = WorldPoint(
                x: (point.0 - centre.0) * metresPerPixel, y: (point.1 - centre.1) * metresPerPixel,
                z: (point.2 - centre.2) * metresPerPixel)
            depth[joint] = point.2
        }
        return (image, world, depth)
    }
}
