// swift-tools-version: 6.1
// Fuzz targets for the decoders of outside bytes, built with libFuzzer and AddressSanitizer by `run.sh`; never part
// of `swift test`.
import PackageDescription

let package = Package(
    name: "KneeRehabFuzz",
    dependencies: [
        .package(name: "KneeRehab", path: "../.."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
    ],
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
        .executableTarget(
            name: "FuzzMultipartForm",
            dependencies: [
                "FuzzDriver", .product(name: "RehabForms", package: "KneeRehab"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "FuzzPageForm", dependencies: ["FuzzDriver", .product(name: "RehabForms", package: "KneeRehab")]
        ),
        .executableTarget(
            name: "FuzzCatalogFile", dependencies: ["FuzzDriver", .product(name: "RehabCore", package: "KneeRehab")]
        ),
        .executableTarget(
            name: "FuzzSMTPReply", dependencies: ["FuzzDriver", .product(name: "RehabMail", package: "KneeRehab")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
