import Foundation

/// Builds a `SyntheticRecording`: a movement schedule, the skeleton at each instant, then estimator artefacts.
struct SyntheticGenerator {
    let options: SyntheticRecording.Options
    let skeleton: SyntheticSkeleton
    let duration: Double
    /// Balance lift and lowering ramp, seconds.
    static let balanceRamp = 0.3
    /// Knee flexion of the lifted leg in balance (about 0.14 body heights of foot lift).
    static let balanceLiftFlexion = 90.0
    /// Foot lift at the top of the balance, as a share of the leg length.
    static let balanceLift = 0.15

    init(_ options: SyntheticRecording.Options) {
        self.options = options
        skeleton = SyntheticSkeleton(height: 600, originX: 640, floorY: 700)
        if options.exercise == .singleLegBalance {
            duration = 2 * options.restSeconds + options.balanceSeconds
        } else {
            let rep = 2 * options.rampSeconds + options.holdSeconds + options.restSeconds
            duration = options.restSeconds + Double(options.depths.count) * rep
        }
    }

    /// The movement value at time t: 0 at rest, the rep's depth at its peak, linear ramps between.
    func value(at t: Double) -> Double {
        let o = options
        if o.exercise == .singleLegBalance {
            let local = t - o.restSeconds
            let ramp = Self.balanceRamp
            guard local > 0, local < o.balanceSeconds else { return 0 }
            let up = min(local / ramp, 1)
            let down = min((o.balanceSeconds - local) / ramp, 1)
            return Self.balanceLiftFlexion * min(up, down)
        }
        let rep = 2 * o.rampSeconds + o.holdSeconds + o.restSeconds
        let local = t - o.restSeconds
        guard local > 0 else { return 0 }
        let index = Int(local / rep)
        guard index < o.depths.count else { return 0 }
        let phase = local - Double(index) * rep
        let depth = o.depths[index]
        if phase < o.rampSeconds { return depth * phase / o.rampSeconds }
        if phase < o.rampSeconds + o.holdSeconds { return depth }
        if phase < 2 * o.rampSeconds + o.holdSeconds {
            return depth * (2 * o.rampSeconds + o.holdSeconds - phase) / o.rampSeconds
        }
        return 0
    }

    func state(at t: Double) -> SyntheticSkeleton.State {
        let o = options
        let v = value(at: t)
        let fraction = v / max(o.depths.max() ?? 1, 1e-9)
        var s = SyntheticSkeleton.State()
        switch o.exercise {
        case .wallSquat:
            s.flexion = Bilateral(left: v, right: v)
            s.valgus = Bilateral(left: o.valgusDegrees * fraction, right: o.valgusDegrees * fraction)
        case .stepUp:
            s.support = o.side
            s.flexion[o.side] = v
            s.flexion[o.side.opposite] = 60 * fraction
            s.valgus[o.side] = o.valgusDegrees * fraction
            s.pelvisDrop = (o.side.opposite == .right ? 1 : -1) * o.hipDropDegrees * fraction
            s.swing = o.freeLegSwingDegrees * sin(2 * .pi * t)
        case .straightLegRaise:
            s.hipFlexion = v
            s.flexion[o.side] = o.kneeBendDegrees * fraction
        case .heelSlide:
            s.flexion[o.side] = v
        case .terminalKneeExtension:
            s.flexion[o.side] = (o.depths.max() ?? 0) + o.kneeBendDegrees - v
        case .singleLegBalance:
            s.support = o.side
            // Raise the foot linearly in height: flexion that shortens the hanging leg by the lift.
            let lift = v / Self.balanceLiftFlexion * Self.balanceLift * skeleton.thigh * 2
            s.flexion[o.side.opposite] = 2 * acos(1 - lift / (2 * skeleton.thigh)) * 180 / .pi
            s.sway = o.swayBodyHeights * skeleton.height * (sin(2 * .pi * 0.4 * t) + 0.5 * sin(2 * .pi * 1.1 * t + 1))
            s.swing = o.freeLegSwingDegrees * sin(2 * .pi * t)
        }
        return s
    }

    /// The body in 3D, for drawings turned by a yaw.
    func body(_ s: SyntheticSkeleton.State) -> SyntheticSkeleton.Pose3D {
        switch options.exercise {
        case .straightLegRaise, .heelSlide: skeleton.supine3D(s, raised: options.side)
        default: skeleton.standing3D(s)
        }
    }

    func pose(_ s: SyntheticSkeleton.State, view: CameraView) -> SyntheticSkeleton.Pose {
        switch options.exercise {
        case .straightLegRaise, .heelSlide: skeleton.supineSide(s, raised: options.side)
        default: view == .front ? skeleton.standingFront(s) : skeleton.standingSide(s)
        }
    }

    func generate() -> SyntheticRecording {
        let o = options
        let view = o.view ?? (o.exercise == .singleLegBalance || o.exercise == .stepUp ? .front : .side)
        var random = SyntheticRandom(seed: o.seed)
        let count = Int((duration * o.fps).rounded()) + 1
        var times: [Double] = []
        var frames: [RawFrame?] = []
        var flexion: Bilateral<[Double]> = Bilateral(left: [], right: [])
        var hip: [Double] = []
        var hipPath: [(Double, Double)] = []
        for k in 0..<count {
            let jitter = k == 0 ? 0 : o.timestampJitter * (random.uniform() - 0.5) / o.fps
            let t = Double(k) / o.fps + jitter
            let s = state(at: t)
            times.append(t)
            flexion[.left].append(s.flexion[.left])
            flexion[.right].append(s.flexion[.right])
            hip.append(s.hipFlexion)
            var p = pose(s, view: view)
            var world: [Joint: WorldPoint]?
            var depth: [Joint: Double]?
            if let yaw = o.yawDegrees {
                let turned = skeleton.turned(body(s), yaw: yaw)
                p = turned.image
                world = o.world ? turned.world : nil
                depth = turned.depth
            }
            hipPath.append(
                (
                    (p[.leftHip, default: (0, 0)].0 + p[.rightHip, default: (0, 0)].0) / 2,
                    (p[.leftHip, default: (0, 0)].1 + p[.rightHip, default: (0, 0)].1) / 2
                ))
            if k > 0, random.uniform() < o.dropFraction {
                frames.append(nil)
                continue
            }
            var people = [person(p, random: &random, state: s, view: view, world: world, depth: depth)]
            if o.secondPerson {
                var other = state(at: t * 1.7 + 3)
                other.flexion = Bilateral(left: 40 + 30 * sin(t * 2), right: 40 + 30 * sin(t * 2))
                let bystander = SyntheticSkeleton(height: 520, originX: 200, floorY: 690).standingSide(other)
                let extra = person(bystander, random: &random, state: other, view: .side)
                if random.uniform() < 0.5 { people.insert(extra, at: 0) } else { people.append(extra) }
            }
            frames.append(RawFrame(time: t, people: people))
        }
        let full = o.depths.filter { $0 >= 0.65 * (o.depths.max() ?? 0) }.count
        var balance: Double?
        var sway: Double?
        if o.exercise == .singleLegBalance {
            balance = o.balanceSeconds
            let inside = times.indices.filter {
                times[$0] > o.restSeconds && times[$0] < o.restSeconds + o.balanceSeconds
            }
            sway =
                zip(inside, inside.dropFirst()).map { a, b in
                    JointAngles.distance(hipPath[a].0, hipPath[a].1, hipPath[b].0, hipPath[b].1)
                }.reduce(0, +) / skeleton.height
        }
        let document = KeypointDocument(
            layout: o.layout, fps: o.fps, image: o.normalised ? SyntheticRecording.image : nil, mirrored: o.mirrored,
            frames: frames)
        return SyntheticRecording(
            document: document, times: times, kneeFlexion: flexion, hipFlexion: hip, fullReps: full,
            partialReps: o.depths.count - full, balanceSeconds: balance, swayPathBodyHeights: sway,
            bodyHeight: skeleton.height)
    }

    /// Writes one pose in the layout, with noise, confidence, depth, world landmarks, mirroring and normalisation
    /// applied; `depth` replaces the flat drawings' made-up depth for a turned 3D body.
    func person(
        _ pose: SyntheticSkeleton.Pose, random: inout SyntheticRandom, state: SyntheticSkeleton.State,
        view: CameraView, world: [Joint: WorldPoint]? = nil, depth turnedDepth: [Joint: Double]? = nil
    ) -> RawPerson {
        let o = options
        let image = SyntheticRecording.image
        var joints = RawPerson(repeating: nil, count: o.layout.jointCount)
        let confidence = o.logits ? log(0.95 / 0.05) : 0.95
        // Joint order, not dictionary order: noise draws must land on the same joints in every process.
        for joint in Joint.allCases {
            guard let point = pose[joint] else { continue }
            let labelled = o.mirrored ? joint.swapped : joint
            guard let index = o.layout.index(of: labelled) else { continue }
            var x = point.0 + random.gaussian(o.noisePixels)
            let y = point.1 + random.gaussian(o.noisePixels)
            if o.mirrored { x = image.width - x }
            var z: Double?
            if o.depth { z = turnedDepth?[joint] ?? depth(of: joint, state: state, view: view) }
            let sx = o.normalised ? image.width : 1
            let sy = o.normalised ? image.height : 1
            joints[index] = RawKeypoint(
                x: x / sx, y: y / sy, z: z.map { $0 / sx }, confidence: confidence,
                world: world?[joint].map { worldPoint($0, random: &random) })
        }
        return joints
    }

    /// A world landmark with the image's noise (in metres) and a mirrored camera's flipped x.
    func worldPoint(_ point: WorldPoint, random: inout SyntheticRandom) -> WorldPoint {
        let sigma = options.noisePixels * skeleton.metresPerPixel
        let x = point.x + random.gaussian(sigma)
        return WorldPoint(
            x: options.mirrored ? -x : x, y: point.y + random.gaussian(sigma), z: point.z + random.gaussian(sigma))
    }

    /// Depth in pixels, smaller toward the camera: legs apart in a side view, knees forward in a front view.
    func depth(of joint: Joint, state: SyntheticSkeleton.State, view: CameraView) -> Double {
        let left = [.leftShoulder, .leftHip, .leftKnee, .leftAnkle, .leftHeel, .leftToe].contains(joint)
        if view != .front { return (left ? -0.075 : 0.075) * skeleton.height }
        guard joint == .leftKnee || joint == .rightKnee else { return 0 }
        let side: Side = joint == .leftKnee ? .left : .right
        return -skeleton.thigh * sin(state.flexion[side] / 2 * .pi / 180)
    }
}
