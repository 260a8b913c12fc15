// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "KneeRehab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kneerehab", targets: ["kneerehab"]),
        .library(name: "RehabCore", targets: ["RehabCore"]),
        .library(name: "RehabMotion", targets: ["RehabMotion"]),
        .library(name: "RehabSQLite", targets: ["RehabSQLite"]),
        .library(name: "RehabPostgres", targets: ["RehabPostgres"]),
        .library(name: "RehabAuth", targets: ["RehabAuth"]),
        .library(name: "RehabTesting", targets: ["RehabTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
    ],
    targets: [
        .target(
            name: "RehabCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/catalog")]
        ),
        .target(name: "RehabMotion"),
        .target(name: "RehabTesting", dependencies: ["RehabCore"]),
        .target(name: "RehabSQLite", dependencies: ["RehabCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "RehabPostgres",
            dependencies: [
                "RehabCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RehabAuth",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "RehabStorageCrashWriter", dependencies: ["RehabCore", "RehabSQLite"]),
        .executableTarget(
            name: "kneerehab",
            dependencies: [
                "RehabCore", "RehabMotion", "RehabSQLite", "RehabPostgres", "RehabAuth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RehabCoreTests",
            dependencies: [
                "RehabCore", "RehabTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "RehabMotionTests",
            dependencies: [
                "RehabMotion",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "kneerehabTests", dependencies: ["RehabCore", "kneerehab"]),
        .testTarget(
            name: "RehabSQLiteTests",
            dependencies: ["RehabCore", "RehabSQLite", "RehabTesting", "RehabStorageCrashWriter"]
        ),
        .testTarget(name: "RehabPostgresTests", dependencies: ["RehabCore", "RehabPostgres", "RehabTesting"]),
        .testTarget(name: "RehabAuthTests", dependencies: ["RehabAuth"]),
    ],
    swiftLanguageModes: [.v6]
)
