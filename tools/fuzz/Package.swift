// swift-tools-version: 6.1
// Fuzz targets for the decoders of outside bytes, built with libFuzzer and AddressSanitizer by `run.sh`; never part
// of `swift test`.
import PackageDescription

let package = Package(
    name: "KneeRehabFuzz",
    dependencies: [.package(name: "KneeRehab", path: "../..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzSessionDocument",
            dependencies: [
                "FuzzDriver", .product(name: "RehabJSON", package: "KneeRehab"),
                .product(name: "RehabCore", package: "KneeRehab"),
            ]
        ),
        .executableTarget(
            name: "FuzzCheckInDocument",
            dependencies: [
                "FuzzDriver", .product(name: "RehabJSON", package: "KneeRehab"),
                .product(name: "RehabCore", package: "KneeRehab"),
            ]
        ),
        .executableTarget(
            name: "FuzzKeypointDocument",
            dependencies: ["FuzzDriver", .product(name: "RehabMotion", package: "KneeRehab")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
