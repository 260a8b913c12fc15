import Foundation

/// Executables of this package that the build put next to the test bundle.
public enum BuiltExecutable {
    /// The executable product `name` in the build directory, or nil when it was not built.
    public static func url(named name: String) -> URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        return candidates.map { $0.appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
