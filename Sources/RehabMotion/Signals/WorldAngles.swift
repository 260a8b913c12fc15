/// Knee and hip flexion measured on the world landmarks, for both legs, filtered like every other signal.
///
/// Angles in 3D do not shrink when the camera sees the leg at a slant, so they stand in for the image angles where
/// the view foreshortens them; the depth they rest on is lifted from one camera, not measured
/// (docs/motion-sources.md §2.1, §2.9), so the analysis reports them with low confidence.
public struct WorldAngles: Sendable {
    /// Knee flexion in degrees: 180° − ∠(hip, knee, ankle) in 3D, negative for hyperextension.
    public var kneeFlexion: Bilateral<[Double]>
    /// Hip flexion in degrees: 180° − ∠(shoulder, hip, knee) in 3D.
    public var hipFlexion: Bilateral<[Double]>

    /// Creates the angles from computed signals.
    ///
    /// `MotionSignals` computes and filters them; plain memberwise initialiser otherwise.
    public init(kneeFlexion: Bilateral<[Double]>, hipFlexion: Bilateral<[Double]>) {
        self.kneeFlexion = kneeFlexion
        self.hipFlexion = hipFlexion
    }

    /// Unfiltered knee flexion of one leg from world columns of `count` samples, signed like the image angle: the
    /// bend about the hip line that most clearly bent samples show is flexion, the other way hyperextension.
    static func kneeFlexion(_ world: WorldColumns, _ side: Side, count: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        let (hip, knee, ankle) = (Joint.hip(side), Joint.knee(side), Joint.ankle(side))
        for i in 0..<count {
            let (left, right) = (world.point(.leftHip, i), world.point(.rightHip, i))
            out[i] = JointAngles.signedFlexion3D(
                world.point(hip, i), world.point(knee, i), world.point(ankle, i),
                axis: (left.0 - right.0, left.1 - right.1, left.2 - right.2))
        }
        MotionSignals.orientBend(&out)
        return out
    }

    /// Unfiltered hip flexion of one leg from world columns of `count` samples.
    static func hipFlexion(_ world: WorldColumns, _ side: Side, count: Int) -> [Double] {
        angle(world, .shoulder(side), .hip(side), .knee(side), count: count)
    }

    /// 180° − the 3D angle at `b` between `a` and `c`, per sample; NaN where a joint is missing.
    private static func angle(_ world: WorldColumns, _ a: Joint, _ b: Joint, _ c: Joint, count: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        for i in 0..<count {
            out[i] = JointAngles.flexion3D(world.point(a, i), world.point(b, i), world.point(c, i))
        }
        return out
    }
}
