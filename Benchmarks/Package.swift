// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "KneeRehabBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "KneeRehab", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
    ],
    targets: [
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RehabCore", package: "KneeRehab"),
                .product(name: "RehabTesting", package: "KneeRehab"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MotionBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RehabMotion", package: "KneeRehab"),
            ],
            path: "Benchmarks/MotionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "StorageBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RehabCore", package: "KneeRehab"),
                .product(name: "RehabSQLite", package: "KneeRehab"),
                .product(name: "RehabStorageKit", package: "KneeRehab"),
                .product(name: "RehabPostgres", package: "KneeRehab"),
                .product(name: "RehabTesting", package: "KneeRehab"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Benchmarks/StorageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
