// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "KneeRehab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kneerehab", targets: ["kneerehab"]),
        .library(name: "RehabCore", targets: ["RehabCore"]),
        .library(name: "RehabMotion", targets: ["RehabMotion"]),
        .library(name: "RehabJSON", targets: ["RehabJSON"]),
        .library(name: "RehabStorageKit", targets: ["RehabStorageKit"]),
        .library(name: "RehabSQLite", targets: ["RehabSQLite"]),
        .library(name: "RehabPostgres", targets: ["RehabPostgres"]),
        .library(name: "RehabAuth", targets: ["RehabAuth"]),
        .library(name: "RehabTesting", targets: ["RehabTesting"]),
        .library(name: "RehabWeb", targets: ["RehabWeb"]),
        .library(name: "RehabInterop", targets: ["RehabInterop"]),
        .library(name: "RehabMail", targets: ["RehabMail"]),
        .library(name: "RehabForms", targets: ["RehabForms"]),
        .library(name: "RehabQR", targets: ["RehabQR"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
    ],
    targets: [
        .target(
            name: "RehabCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/catalog")]
        ),
        .target(name: "RehabMotion"),
        // The session document's direct JSON reader and writer pieces, shared by the engines and the web's request
        // parsing; it walks raw bytes, so it lives outside the core.
        .target(name: "RehabJSON", dependencies: ["RehabCore"]),
        // Plumbing both storage engines share (record cache, write base, document coding); never imported by the
        // core or the web app.
        .target(name: "RehabStorageKit", dependencies: ["RehabCore", "RehabJSON"]),
        .target(name: "RehabTesting", dependencies: ["RehabCore", "RehabChildProcess"]),
        // Foreign formats (FHIR R4, CSV, iCalendar): pure encoders from core values, no I/O.
        .target(
            name: "RehabInterop",
            dependencies: ["RehabCore", .product(name: "Crypto", package: "swift-crypto")]),
        // Mail out of the building: the message encoder, a small SMTP client on SwiftNIO (STARTTLS via NIOSSL) and
        // the outbox sender.
        .target(
            name: "RehabMail",
            dependencies: [
                "RehabCore", .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "RehabSQLite",
            dependencies: ["RehabCore", "RehabStorageKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "RehabPostgres",
            dependencies: [
                "RehabCore", "RehabStorageKit", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RehabAuth",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The pages' form bodies: URL-encoded pairs and multipart uploads, read from outside bytes (fuzzed).
        .target(
            name: "RehabForms",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        // QR codes (ISO/IEC 18004) for the second factor's enrolment: a pure encoder and its SVG, no dependencies.
        .target(name: "RehabQR"),
        // Other programs, run to their end or talked to while they run (swift-subprocess, not Foundation's Process).
        .target(
            name: "RehabChildProcess",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
        ),
        .target(
            name: "RehabWeb",
            dependencies: [
                "RehabCore", "RehabAuth", "RehabMotion", "RehabJSON", "RehabInterop", "RehabMail", "RehabForms",
                "RehabChildProcess", "RehabQR",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [
                .copy("Resources/templates"), .copy("Resources/public"), .copy("Resources/openapi.json"),
                .copy("Resources/pose-worker"), .copy("Resources/strings"),
            ]
        ),
        .executableTarget(name: "RehabStorageCrashWriter", dependencies: ["RehabCore", "RehabSQLite"]),
        .executableTarget(
            name: "kneerehab",
            dependencies: [
                "RehabCore", "RehabMotion", "RehabSQLite", "RehabPostgres", "RehabAuth", "RehabWeb", "RehabStorageKit",
                "RehabInterop", "RehabMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RehabCoreTests",
            dependencies: [
                "RehabCore", "RehabTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // Read from the source tree by path (`#filePath`), not bundled.
            exclude: ["Program/Golden"]
        ),
        .testTarget(
            name: "RehabJSONTests",
            dependencies: ["RehabJSON", "RehabCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "RehabStorageKitTests",
            dependencies: [
                "RehabStorageKit", "RehabJSON", "RehabCore", "RehabTesting",
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
        .testTarget(
            name: "kneerehabTests",
            dependencies: [
                "RehabCore", "RehabSQLite", "RehabWeb", "RehabChildProcess", "RehabTesting", "kneerehab",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "RehabSQLiteTests",
            dependencies: [
                "RehabCore", "RehabSQLite", "RehabStorageKit", "RehabTesting", "RehabStorageCrashWriter",
                "RehabChildProcess",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "RehabPostgresTests", dependencies: ["RehabCore", "RehabPostgres", "RehabTesting"]),
        .testTarget(name: "RehabAuthTests", dependencies: ["RehabAuth"]),
        .testTarget(name: "RehabChildProcessTests", dependencies: ["RehabChildProcess"]),
        .testTarget(
            name: "RehabFormsTests",
            dependencies: ["RehabForms", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "RehabMailTests",
            dependencies: [
                "RehabMail", "RehabCore", "RehabSQLite", "RehabTesting", "RehabChildProcess",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RehabInteropTests",
            dependencies: [
                "RehabInterop", "RehabCore", "RehabTesting", "RehabChildProcess",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "RehabQRTests",
            dependencies: [
                "RehabQR", "RehabChildProcess", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "RehabWebTests",
            dependencies: [
                "RehabWeb", "RehabCore", "RehabSQLite", "RehabPostgres", "RehabAuth", "RehabTesting",
                "RehabChildProcess", "RehabQR", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
