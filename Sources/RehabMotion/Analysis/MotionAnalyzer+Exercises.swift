import Foundation

extension MotionAnalyzer {
    /// Wall squat, step-up, heel slide and terminal knee extension: all timed by the knee.
    func analyzeKneeExercise(_ result: inout MotionResult, _ signals: MotionSignals, recording: PoseRecording) {
        let side = result.side
        let reading = SagittalReading(
            .kneeFlexion, view: result.view, image: signals.kneeFlexion[side], imageIsLifted: recording.is3D,
            world: signals.world?.kneeFlexion[side], plausible: Self.plausibleFlexionDegrees)
        result.state(reading.confidence)
        let flexion = reading.signal
        // Without a flexion angle the view still shows the leg shortening, which times the reps.
        var repSignal = flexion ?? signals.apparentFlexion(side)
        let counter = RepCounter()
        let timer = HoldTimer()
        // One workspace for every plateau and hold statistic: no allocation per rep.
        var scratch: [Double] = []
        if result.exercise == .terminalKneeExtension { repSignal = repSignal.map { -$0 } }
        let reps = counter.count(repSignal, interval: signals.interval)
        result.reps = reps.full
        result.partialReps = reps.partial
        if let flexion {
            result.kneeFlexion = ValueRange(
                min: Statistics.trough(flexion, flexion.indices, scratch: &scratch),
                max: Statistics.crest(flexion, flexion.indices, scratch: &scratch))
        }
        switch result.exercise {
        case .wallSquat:
            if let flexion {
                var depths: [Double] = []
                depths.reserveCapacity(reps.full)
                for rep in reps.repetitions where rep.isFull {
                    depths.append(Statistics.crest(flexion, rep.start..<rep.end, scratch: &scratch))
                }
                result.depthDegrees = Self.median(depths) ?? result.kneeFlexion?.max
            }
            let ranges = reps.repetitions.isEmpty ? [0..<repSignal.count] : reps.repetitions.map { $0.start..<$0.end }
            let holds = ranges.map {
                timer.longestHold(repSignal, in: $0, interval: signals.interval, scratch: &scratch)
            }
            result.holdsSeconds = holds
            result.holdSeconds = holds.max() ?? 0
            valgus(&result, signals, reps: reps)
        case .stepUp:
            valgus(&result, signals, reps: reps)
            // Hip drop over the deepest part of each rep, where the single-leg load peaks.
            let deepest = reps.repetitions.flatMap { rep in
                let top = Statistics.crest(repSignal, rep.start..<rep.end, scratch: &scratch)
                return (rep.start..<rep.end).filter { repSignal[$0] >= top - 6 }
            }
            frontalPelvis(
                &result, signals, stance: side, bearing: WeightBearing(signals, loading: .oneLeg), during: deepest,
                before: reps.repetitions.first?.start)
        case .terminalKneeExtension:
            if flexion != nil { result.extensionDegrees = result.kneeFlexion?.min }
        default:
            break
        }
        result.measurements = measurements(result)
    }

    /// FPPA at the deepest point of each rep (docs/motion-sources.md §2.2), only where it can be measured (§2.9): in
    /// a front view, on a leg that bears weight, and within what a knee can do.
    func valgus(_ result: inout MotionResult, _ signals: MotionSignals, reps: RepCount) {
        guard result.view == .front else {
            result.state(.withheld(.valgusDegrees, [.needs(.front, for: .valgusDegrees, seen: result.view)]))
            return
        }
        let leg = signals.legExtension[result.side]
        let fppa = signals.frontalProjection[result.side]
        let ranges = reps.repetitions.isEmpty ? [0..<leg.count] : reps.repetitions.map { $0.start..<$0.end }
        // Peak flexion = the most shortened leg, readable in a front view where the angle itself is not.
        let peaks = ranges.compactMap { range in
            range.filter { leg[$0].isFinite }.min { leg[$0] < leg[$1] }
        }
        let bearing = WeightBearing(signals, loading: result.exercise.loading)
        let loaded = peaks.filter { bearing.bearsWeight(result.side, at: $0) }
        guard !loaded.isEmpty else {
            if !peaks.isEmpty { result.state(.withheld(.valgusDegrees, [.notBearingWeight])) }
            return
        }
        let angles = loaded.map { fppa[$0] }.filter(\.isFinite)
        guard !angles.isEmpty else { return }
        guard angles.allSatisfy({ abs($0) <= Self.plausibleValgusDegrees }) else {
            result.state(.withheld(.valgusDegrees, [.outsideKneeRange]))
            return
        }
        result.valgusDegrees = Self.median(angles)
        result.valgusMaxDegrees = angles.max()
        if loaded.count < peaks.count {
            result.notes.append(
                "knee moving inward measured in \(loaded.count) of \(peaks.count) repetitions; in the others "
                    + ConfidenceReason.notBearingWeight.text)
        }
        // Image widths cannot tell a square view from a slight turn, and a turn adds to the frontal angle.
        result.state(
            result.viewYawDegrees != nil
                ? .normal(.valgusDegrees, [.seen(.front)]) : .low(.valgusDegrees, [.seen(.front), .viewFromOutline]))
    }

    /// Straight leg raise: reps and lift from hip flexion, knee bend at the top, hold (§2.5 table).
    func analyzeLegRaise(_ result: inout MotionResult, _ signals: MotionSignals, recording: PoseRecording) {
        let side = result.side
        // The hip angle is always taken in the image, so only world landmarks can stand in for a side view.
        let lift = SagittalReading(
            .liftDegrees, view: result.view, image: signals.hipFlexion[side], imageIsLifted: false,
            world: signals.world?.hipFlexion[side])
        result.state(lift.confidence)
        guard let hip = lift.signal else { return }
        let bend = SagittalReading(
            .kneeFlexion, view: result.view, image: signals.kneeFlexion[side], imageIsLifted: recording.is3D,
            world: signals.world?.kneeFlexion[side], plausible: Self.plausibleFlexionDegrees)
        result.state(bend.confidence)
        let reps = RepCounter().count(hip, interval: signals.interval)
        result.reps = reps.full
        result.partialReps = reps.partial
        var scratch: [Double] = []
        let tops = reps.repetitions.map { Statistics.crest(hip, $0.start..<$0.end, scratch: &scratch) }
        result.liftDegrees = Self.median(tops)
        if let knee = bend.signal {
            result.kneeFlexion = ValueRange(
                min: Statistics.trough(knee, knee.indices, scratch: &scratch),
                max: Statistics.crest(knee, knee.indices, scratch: &scratch))
            // Knee bend over the top of each lift (hip within 3° of its crest), not at one noisy frame.
            let bends = zip(reps.repetitions, tops).compactMap { rep, top in
                Self.median((rep.start..<rep.end).filter { hip[$0] >= top - 3 }.map { knee[$0] })
            }
            result.kneeBendDegrees = Self.median(bends)
            result.kneeStraight = result.kneeBendDegrees.map { $0 <= Self.straightKneeDegrees }
        }
        let timer = HoldTimer()
        let holds = reps.repetitions.map {
            timer.longestHold(hip, in: $0.start..<$0.end, interval: signals.interval, scratch: &scratch)
        }
        result.holdsSeconds = holds
        result.holdSeconds = holds.max() ?? 0
        result.measurements = measurements(result)
    }

    /// Single-leg balance: stance leg, time to touch-down, sway, hip drop (§2.7).
    func analyzeBalance(_ result: inout MotionResult, _ signals: MotionSignals) {
        guard let trial = BalanceAnalyzer().analyze(signals) else {
            result.status = "not-enough-data"
            result.reason = "no foot was lifted clear of the floor"
            return
        }
        if let side, side != trial.stance {
            result.notes.append(
                "asked for the \(side.rawValue) leg, but the patient stood on the \(trial.stance.rawValue)")
        }
        result.side = trial.stance
        result.stanceSide = trial.stance
        result.balanceSeconds = trial.seconds
        result.touchedDown = trial.touchedDown
        if !trial.touchedDown {
            result.notes.append("the lifted foot was not seen coming down (recording ended or the patient was lost)")
        }
        let pathCm = heightCm.map { trial.sway.pathBodyHeights * $0 }
        result.sway = SwayReport(normalised: trial.sway, pathCm: pathCm)
        result.swayCm = pathCm
        switch result.view {
        case .front: result.notes.append("sway is side to side (front view); forward–back sway needs a side view")
        case .side: result.notes.append("sway is forward–back (side view); side-to-side sway needs a front view")
        default: result.notes.append("sway mixes directions: the camera is neither in front nor at the side")
        }
        frontalPelvis(
            &result, signals, stance: trial.stance,
            bearing: WeightBearing(signals, loading: .oneLeg, stance: trial.stance), during: Array(trial.samples),
            before: trial.samples.lowerBound)
        result.measurements = measurements(result)
    }

    /// The patient-record measurements a result supports (the record's measurement kinds: `MeasurementKind` in
    /// `Sources/RehabWeb/Resources/openapi.json`; see docs/motion.md).
    ///
    /// Only measures at normal confidence: a record's values feed the phase gates, which a less certain reading must
    /// not decide.
    func measurements(_ result: MotionResult) -> [RecordMeasurement] {
        var list: [RecordMeasurement] = []
        let flexionIsSure = result.confidence(of: .kneeFlexion)?.level == .normal
        func add(_ kind: String, _ value: Double?, decimals: Double = 1, sure: Bool = true) {
            guard sure, let value, value.isFinite else { return }
            list.append(
                RecordMeasurement(
                    date: date, kind: kind, side: result.side, value: (value * decimals).rounded() / decimals))
        }
        switch result.exercise {
        case .heelSlide: add("knee-flexion", result.kneeFlexion?.max, sure: flexionIsSure)
        case .terminalKneeExtension: add("knee-extension", result.extensionDegrees, sure: flexionIsSure)
        case .straightLegRaise: add("extensor-lag", result.kneeBendDegrees.map { max($0, 0) }, sure: flexionIsSure)
        case .singleLegBalance: add("single-leg-balance", result.balanceSeconds, decimals: 10)
        default: break
        }
        return list
    }
}
