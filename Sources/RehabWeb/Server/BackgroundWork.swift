import ServiceLifecycle

/// Work that runs beside the server for as long as it runs (a store's checkpoints, say), as a service of the
/// application: it starts with the server and is cancelled when the server shuts down gracefully.
public struct BackgroundWork: Service {
    /// A name for logs.
    public let name: String
    private let work: @Sendable () async throws -> Void

    /// Work that runs until it is cancelled.
    public init(name: String, _ work: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.work = work
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await work() }
    }
}
