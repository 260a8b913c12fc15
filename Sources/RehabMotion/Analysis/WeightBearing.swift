/// Tells, sample by sample, whether a leg carries the body.
///
/// Valgus and pelvic drop describe a loaded leg (docs/motion-sources.md §2.2, §2.3): a leg swinging free has no
/// valgus to measure (§2.9). A bearing foot is planted — its ankle nearly still around the moment — and which leg
/// that can be depends on the exercise: in a bilateral squat both, each level with the other; in a single-leg
/// exercise only the stance leg, the one whose ankle strays least over the recording, so the free leg never counts
/// even while it is held still.
public struct WeightBearing: Sendable {
    /// Seconds either side of a sample over which a planted ankle must stay put.
    ///
    /// Heuristic: long enough for a swinging foot to travel, short enough to judge the deepest moment of a rep.
    public static let stillWindowSeconds = 0.25
    /// The farthest a planted ankle may wander within the window, in body heights.
    ///
    /// §2.7 counts a standing foot as shifted once its ankle moves by more than about 0.05 body heights.
    public static let maxTravelBodyHeights = 0.05
    /// How far above the other ankle a foot counts as off the floor in a bilateral exercise, in body heights: the
    /// balance test's lift threshold (about 7 cm for an adult).
    public static let raisedBodyHeights = BalanceAnalyzer().liftThreshold

    /// Which legs the exercise loads.
    public let loading: MotionExercise.Loading
    /// The stance leg of a single-leg exercise; nil for the others.
    public let stanceLeg: Side?
    private let ankleX: Bilateral<[Double]>
    private let ankleY: Bilateral<[Double]>
    private let bodyHeight: Double
    private let window: Int

    /// Reads the ankle paths and the body height of a recording's signals.
    ///
    /// The paths are the filtered ones, so keypoint jitter does not pass for movement. `stance` names the stance leg
    /// of a single-leg exercise when another analysis has found it (the balance trial); otherwise it is the leg whose
    /// ankle strays least.
    public init(_ signals: MotionSignals, loading: MotionExercise.Loading, stance: Side? = nil) {
        self.loading = loading
        ankleX = signals.ankleX
        ankleY = signals.ankleY
        bodyHeight = signals.bodyHeight
        window = max(1, Int((Self.stillWindowSeconds / signals.interval).rounded()))
        let spread = Bilateral { Self.spread(x: signals.ankleX[$0], y: signals.ankleY[$0]) }
        stanceLeg = loading == .oneLeg ? stance ?? (spread.right < spread.left ? .right : .left) : nil
    }

    /// Whether the leg's ankle stays within `maxTravelBodyHeights` of where it is at `sample` for the window around
    /// it; false where the ankle is not seen.
    public func isPlanted(_ side: Side, at sample: Int) -> Bool {
        let xs = ankleX[side]
        let ys = ankleY[side]
        guard xs.indices.contains(sample), xs[sample].isFinite, ys[sample].isFinite, bodyHeight > 0 else {
            return false
        }
        let limit = Self.maxTravelBodyHeights * bodyHeight
        for i in max(0, sample - window)...min(xs.count - 1, sample + window) where xs[i].isFinite && ys[i].isFinite {
            if JointAngles.distance(xs[i], ys[i], xs[sample], ys[sample]) > limit { return false }
        }
        return true
    }

    /// Whether the leg's ankle is higher than the other one by more than `raisedBodyHeights`.
    public func isRaised(_ side: Side, at sample: Int) -> Bool {
        // y grows downwards: the higher ankle has the smaller y.
        ankleY[side.opposite][sample] - ankleY[side][sample] > Self.raisedBodyHeights * bodyHeight
    }

    /// Whether the leg carries the body at `sample`.
    public func bearsWeight(_ side: Side, at sample: Int) -> Bool {
        switch loading {
        case .bothLegs: isPlanted(side, at: sample) && !isRaised(side, at: sample)
        case .oneLeg: side == stanceLeg && isPlanted(side, at: sample)
        case .lying: false
        }
    }

    /// How far an ankle strays from its usual place: the 90th percentile of its distance from its median position.
    static func spread(x: [Double], y: [Double]) -> Double {
        let mx = Statistics.quantile(x, 0.5)
        let my = Statistics.quantile(y, 0.5)
        let value = Statistics.quantile(count: x.count, 0.9) { JointAngles.distance(x[$0], y[$0], mx, my) }
        return value.isFinite ? value : .infinity
    }
}
