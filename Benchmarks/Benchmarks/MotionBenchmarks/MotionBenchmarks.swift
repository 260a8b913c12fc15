import Benchmark
import Foundation
import RehabMotion

/// The shared synthetic recording (also timed by `tools/motion_peer_bench.py`), tiled to about a million frames.
///
/// 706 frames (23.5 s at 30 fps) × 1 417 ≈ 1.0 M frames: about 9 hours of exercise at 30 fps.
private let tiles = 1_417

private func fixtureRecording() -> PoseRecording {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let url = root.appendingPathComponent("tools/fixtures/motion/synthetic-wall-squat-coco17.json")
    do {
        let document = try KeypointDocumentReader.read(try Data(contentsOf: url))
        return try RecordingBuilder.build(document)
    } catch {
        fatalError("cannot load the motion benchmark fixture: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 20
    )
    let base = fixtureRecording()
    let long = base.repeated(tiles)
    let analyzer = MotionAnalyzer(side: .left, date: "2026-11-25")

    // The full metric set: every signal of both legs (knee and hip flexion, FPPA, leg shortening), pelvis and trunk
    // tilt, centre of mass, 6 Hz zero-lag Butterworth on each, view check, reps, holds, depth.
    Benchmark("Analyze wall squat, \(long.count) frames") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(analyzer.analyze(long, exercise: .wallSquat))
        }
    }

    Benchmark("Signals only (all filtered signals), \(long.count) frames") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(MotionSignals(long))
        }
    }

    Benchmark("Read and build the fixture document, \(base.sourceFrameCount) frames") { benchmark in
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/fixtures/motion/synthetic-wall-squat-coco17.json")
        let data = try Data(contentsOf: url)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try RecordingBuilder.build(try KeypointDocumentReader.read(data)))
        }
    }

    // Live use: knee flexion of both legs through One Euro filters, frame by frame.
    Benchmark("Live One Euro knee flexion, \(long.count) frames") { benchmark in
        let hip = (Joint.leftHip.rawValue, Joint.rightHip.rawValue)
        for _ in benchmark.scaledIterations {
            var left = OneEuroFilter()
            var right = OneEuroFilter()
            var sum = 0.0
            for i in 0..<long.count {
                let t = Double(i) * long.interval
                let l = JointAngles.flexion(
                    long.x[hip.0][i], long.y[hip.0][i], long.x[5][i], long.y[5][i], long.x[7][i], long.y[7][i])
                let r = JointAngles.flexion(
                    long.x[hip.1][i], long.y[hip.1][i], long.x[6][i], long.y[6][i], long.x[8][i], long.y[8][i])
                sum += left.filter(l, at: t) + right.filter(r, at: t)
            }
            blackHole(sum)
        }
    }
}
