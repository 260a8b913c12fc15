import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The server's log handler: one line per event, in the shape of swift-log's `StreamLogHandler`
/// (`2026-11-25T20:28:55+0000 info kneerehab: method=POST ms=2.1 … [RehabWeb] request`), written through a shared
/// `LogOutput` that gathers lines and writes them together.
///
/// The access log writes a line for every request. `StreamLogHandler` formats each line's time with `strftime`,
/// merges and sorts the metadata in dictionaries and writes and flushes every line with a system call of its own;
/// under load that was about 6 % of a session write's CPU time. This handler formats the time once a second and
/// writes lines in batches (see `LogOutput` for when).
public struct LineLogHandler: LogHandler {
    /// The least severe level written.
    public var logLevel: Logger.Level = .info
    /// Metadata of the logger, added to every line (an event's own metadata wins).
    public var metadata: Logger.Metadata = [:]

    private let label: String
    private let output: LogOutput

    /// A handler writing to `output` under `label`.
    public init(label: String, output: LogOutput) {
        self.label = label
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let explicit = event.metadata {
            fields.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error {
            fields["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        output.write(
            Self.line(
                level: event.level, label: label, metadata: fields, source: event.source,
                message: event.message.description),
            urgent: event.level >= .warning)
    }

    /// The line without its time stamp: ` info label: a=1 b=2 [source] message` and a line break; `LogOutput`
    /// puts the time in front.
    static func line(
        level: Logger.Level, label: String, metadata: Logger.Metadata, source: String, message: String
    ) -> String {
        var line = " \(level.rawValue)"
        line.reserveCapacity(160)
        if !label.isEmpty {
            line += " "
            line += label
        }
        line += ":"
        for key in metadata.keys.sorted() {
            line += " "
            line += key
            line += "="
            line += metadata[key].map { "\($0)" } ?? ""
        }
        line += " ["
        line += source
        line += "] "
        line += message
        line += "\n"
        return line
    }
}

/// Where the log lines go: a file descriptor (standard error by default), written in batches.
///
/// Lines gather in memory and are written with one system call when 32 KiB have gathered, when a line of level
/// warning or above comes (it and all before it are written at once), and at every `flush()`. The server calls
/// `flush()` every 100 milliseconds and when it stops, so an informational line reaches the log within about a
/// tenth of a second; a crash loses at most the lines of that last tenth.
public final class LogOutput: Sendable {
    private struct Pending: ~Copyable {
        var bytes: [UInt8] = []
        var second = -1
        var stamp = ""
    }

    /// How many bytes gather before they are written without waiting for `flush()`.
    public static let batchBytes = 32 * 1024

    private let descriptor: Int32
    private let pending = Mutex(Pending())
    private let clock: @Sendable () -> Int

    /// Lines for `descriptor` (standard error by default); `clock` gives the current Unix time in seconds.
    public init(descriptor: Int32 = 2, clock: @escaping @Sendable () -> Int = { time(nil) }) {
        self.descriptor = descriptor
        self.clock = clock
    }

    /// Adds a line (see `LineLogHandler.line`) with the time in front; writes everything gathered when `urgent`
    /// or when the batch is full.
    func write(_ line: String, urgent: Bool) {
        let now = clock()
        pending.withLock { pending in
            if pending.second != now {
                pending.second = now
                pending.stamp = Self.stamp(now)
            }
            pending.bytes.append(contentsOf: pending.stamp.utf8)
            pending.bytes.append(contentsOf: line.utf8)
            if urgent || pending.bytes.count >= Self.batchBytes { send(&pending.bytes) }
        }
    }

    /// Writes everything gathered.
    public func flush() {
        pending.withLock { pending in send(&pending.bytes) }
    }

    /// Flushes every `interval` until the task is cancelled, then once more.
    public func flushPeriodically(every interval: Duration = .milliseconds(100)) async {
        while (try? await Task.sleep(for: interval)) != nil { flush() }
        flush()
    }

    /// Writes and empties `bytes`; called with the lock held, so lines reach the log in the order they came.
    private func send(_ bytes: inout [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            guard var next = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let written = Glibc.write(descriptor, next, left)
                if written > 0 {
                    next += written
                    left -= written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // Nowhere to write the log: drop it rather than stop the server.
                }
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// The local time of `seconds` as `StreamLogHandler` writes it: `2026-11-25T20:28:55+0000`.
    static func stamp(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var local = tm()
        localtime_r(&time, &local)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
