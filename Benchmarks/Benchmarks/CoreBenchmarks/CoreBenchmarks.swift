import Benchmark
import RehabCore
import RehabTesting

/// Nightly review cost: one 180-day record (two sessions a day, eight exercises each, daily check-ins).
///
/// Goal (issue 2): at least 10,000 records reviewed per second per core in a release build.
let benchmarks: @Sendable () -> Void = {
    let catalog = Catalog.bundled
    let engine = PlanEngine(catalog: catalog)
    let record = LongRecord.make(days: 180, sessionsPerDay: 2, exercisesPerSession: 8, catalog: catalog)
    let today = record.surgery.date.adding(days: 180)

    Benchmark(
        "review 180-day record",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident],
            scalingFactor: .kilo, maxDuration: .seconds(10))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? engine.review(record, on: today))
        }
    }

    Benchmark(
        "plan without history, every day of a year",
        configuration: .init(metrics: [.throughput, .wallClock], maxDuration: .seconds(5))
    ) { benchmark in
        let surgery = record.surgery
        for _ in benchmark.scaledIterations {
            for day in 0...365 {
                blackHole(try? engine.plan(for: surgery, on: surgery.date.adding(days: day)))
            }
        }
    }
}
