// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "KneeRehab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kneerehab", targets: ["kneerehab"]),
        .library(name: "RehabCore", targets: ["RehabCore"]),
        .library(name: "RehabMotion", targets: ["RehabMotion"]),
        .library(name: "RehabTesting", targets: ["RehabTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "RehabCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/catalog")]
        ),
        .target(name: "RehabMotion"),
        .target(name: "RehabTesting", dependencies: ["RehabCore"]),
        .executableTarget(
            name: "kneerehab",
            dependencies: [
                "RehabCore", "RehabMotion",
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
    ],
    swiftLanguageModes: [.v6]
)
