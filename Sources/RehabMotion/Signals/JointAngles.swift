import Foundation

/// The angle formulas, on plain coordinates so they run inside tight loops.
///
/// Every formula is the one of docs/motion-sources.md §2; inputs are pixels (isotropic) with y growing downwards, and
/// any NaN input gives NaN.
public enum JointAngles {
    static let degreesPerRadian = 180 / Double.pi

    /// Knee flexion in degrees from hip, knee and ankle in the image plane: 180° − ∠(hip, knee, ankle).
    ///
    /// 0° is full extension (§2.1, Pose2Sim's `angle_dict`); the result always lies in 0...180.
    @inline(__always)
    public static func flexion(
        _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
    ) -> Double {
        let ux = ax - bx
        let uy = ay - by
        let vx = cx - bx
        let vy = cy - by
        let interior = atan2(abs(ux * vy - uy * vx), ux * vx + uy * vy) * degreesPerRadian
        return 180 - interior
    }

    /// Knee flexion in degrees in the image plane, signed by the direction of the bend (the 2D cross product).
    ///
    /// With the facing direction known, the sign tells flexion from hyperextension; without it a noisy straight knee
    /// always reads a few degrees of flexion, because the unsigned angle cannot go below zero.
    @inline(__always)
    public static func signedFlexion(
        _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
    ) -> Double {
        let ux = ax - bx
        let uy = ay - by
        let vx = cx - bx
        let vy = cy - by
        let cross = ux * vy - uy * vx
        let flexion = 180 - atan2(abs(cross), ux * vx + uy * vy) * degreesPerRadian
        return cross < 0 ? -flexion : flexion
    }

    /// Knee flexion in degrees in 3D: 180° − ∠(hip, knee, ankle) with depth.
    ///
    /// Used when the estimator gives depth (§2.1); lifted depth from one camera is less trustworthy than a side view.
    @inline(__always)
    public static func flexion3D(
        _ a: (Double, Double, Double), _ b: (Double, Double, Double), _ c: (Double, Double, Double)
    ) -> Double {
        let u = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        let v = (c.0 - b.0, c.1 - b.1, c.2 - b.2)
        let cross = (u.1 * v.2 - u.2 * v.1, u.2 * v.0 - u.0 * v.2, u.0 * v.1 - u.1 * v.0)
        let crossNorm = (cross.0 * cross.0 + cross.1 * cross.1 + cross.2 * cross.2).squareRoot()
        let dot = u.0 * v.0 + u.1 * v.1 + u.2 * v.2
        return 180 - atan2(crossNorm, dot) * degreesPerRadian
    }

    /// Knee flexion in degrees in 3D, signed by which way the leg bends about `axis` (the hip line).
    ///
    /// Like `signedFlexion` in the image: the bend direction of most clearly bent samples is then taken as flexion,
    /// so noise around a straight knee scatters around 0° instead of always reading a few degrees of flexion.
    @inline(__always)
    public static func signedFlexion3D(
        _ a: (Double, Double, Double), _ b: (Double, Double, Double), _ c: (Double, Double, Double),
        axis: (Double, Double, Double)
    ) -> Double {
        let u = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        let v = (c.0 - b.0, c.1 - b.1, c.2 - b.2)
        let cross = (u.1 * v.2 - u.2 * v.1, u.2 * v.0 - u.0 * v.2, u.0 * v.1 - u.1 * v.0)
        let flexion = flexion3D(a, b, c)
        return cross.0 * axis.0 + cross.1 * axis.1 + cross.2 * axis.2 < 0 ? -flexion : flexion
    }

    /// The frontal plane projection angle in degrees, positive for valgus (knee inside the hip–ankle line).
    ///
    /// Magnitude is the angle between thigh and shank, `atan2(cross, dot)` (§2.2). The sign comes from whether the
    /// knee sits on the same side of the hip–ankle line as the other hip, which is the body's midline; that makes
    /// it right for either leg, facing or back view and mirrored video alike, without per-case sign flips.
    @inline(__always)
    public static func frontalProjection(
        hip: (Double, Double), knee: (Double, Double), ankle: (Double, Double), otherHip: (Double, Double)
    ) -> Double {
        let tx = knee.0 - hip.0
        let ty = knee.1 - hip.1
        let sx = ankle.0 - knee.0
        let sy = ankle.1 - knee.1
        let magnitude = atan2(abs(tx * sy - ty * sx), tx * sx + ty * sy) * degreesPerRadian
        // Which side of the hip→ankle line the knee and the other hip lie on (signs of 2D cross products).
        let lx = ankle.0 - hip.0
        let ly = ankle.1 - hip.1
        let kneeSide = lx * ty - ly * tx
        let midlineSide = lx * (otherHip.1 - hip.1) - ly * (otherHip.0 - hip.0)
        return kneeSide * midlineSide >= 0 ? magnitude : -magnitude
    }

    /// The tilt in degrees of the line from `a` to `b`, positive when `b` is lower in the image.
    ///
    /// `atan(dy/|dx|)` does not wrap at ±180° whichever way the patient faces (§1.2, measured pitfall).
    @inline(__always)
    public static func tilt(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        atan2(by - ay, abs(bx - ax)) * degreesPerRadian
    }

    /// Distance between two image points.
    ///
    /// Shared by body-height, view and balance estimates.
    @inline(__always)
    public static func distance(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        ((ax - bx) * (ax - bx) + (ay - by) * (ay - by)).squareRoot()
    }
}
