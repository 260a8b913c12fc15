import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Other programs run by KneeRehab and its tests (a browser that prints PDF, the pose worker, validators, the
/// server itself in end-to-end tests), through swift-subprocess.
///
/// Not through Foundation's `Process`: on Linux its `run()` copies a fixed 256 bytes out of each `/proc/self/fd`
/// directory entry, which reads past the end of the directory buffer and crashes the caller now and then in a
/// process with many open files, such as a busy server or a parallel test run.
public enum ChildProcess {
    /// How a finished program ended and what it printed.
    public struct Outcome: Sendable, Equatable {
        /// The exit status, or nil when a signal ended it.
        public let exitStatus: Int32?
        /// The signal that ended it, or nil when it exited.
        public let signal: Int32?
        /// Its standard output.
        public let output: String
        /// Its standard error, or nothing when it was read together with the output.
        public let errorOutput: String

        /// True when it exited with status 0.
        public var succeeded: Bool { exitStatus == 0 }
    }

    /// Where a program's standard error goes.
    public enum ErrorOutput: Sendable {
        /// Read into ``Outcome/errorOutput``.
        case separate
        /// Read into ``Outcome/output``, interleaved as the program wrote it.
        case combinedWithOutput
        /// Thrown away.
        case discarded
    }

    /// The most either output is read to; a program that prints more is an error.
    public static let outputLimit = 64 * 1024 * 1024

    /// A write to a program that has ended must fail, not end this process with SIGPIPE.
    static let brokenPipesFail: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Runs `executable` (a path) with `arguments` to its end, feeding it `input` on standard input.
    public static func run(
        _ executable: String, _ arguments: [String] = [], input: Data = Data(), errorOutput: ErrorOutput = .separate
    ) async throws -> Outcome {
        ChildProcess.brokenPipesFail
        let program = Executable.path(FilePath(executable))
        switch errorOutput {
        case .separate:
            let result = try await collect(program, arguments, input, error: .string(limit: outputLimit))
            return Outcome(result.terminationStatus, result.standardOutput, result.standardError)
        case .combinedWithOutput:
            let result = try await collect(program, arguments, input, error: .combinedWithOutput)
            return Outcome(result.terminationStatus, result.standardOutput, nil)
        case .discarded:
            let result = try await collect(program, arguments, input, error: .discarded)
            return Outcome(result.terminationStatus, result.standardOutput, nil)
        }
    }

    /// Feeds `input` from the body, where the library always closes the pipe afterwards: its own writer task for
    /// data input leaves the pipe unclosed (and stops the process) when the program exits before reading it all.
    private static func collect<ErrorOutput: ErrorOutputProtocol>(
        _ program: Executable, _ arguments: [String], _ input: Data, error: ErrorOutput
    ) async throws -> ExecutionResult<Void, StringOutput<UTF8>, ErrorOutput> {
        try await Subprocess.run(
            program, arguments: Arguments(arguments), input: .inputWriter, output: .string(limit: outputLimit),
            error: error
        ) { execution in
            // A program may exit without reading its input; what it printed still counts.
            if !input.isEmpty { _ = try? await execution.standardInputWriter.write(input) }
            try? await execution.standardInputWriter.finish()
        }
    }
}

extension ChildProcess.Outcome {
    init(_ status: TerminationStatus, _ output: String?, _ errorOutput: String?) {
        switch status {
        case .exited(let code): (exitStatus, signal) = (code, nil)
        case .signaled(let code): (exitStatus, signal) = (nil, code)
        }
        self.output = output ?? ""
        self.errorOutput = errorOutput ?? ""
    }
}

/// A program that keeps running while its caller talks to it: lines to its standard input, its standard output
/// line by line (read all the time, so a chatty program never blocks on a full pipe), signals, and its end.
///
/// Its standard input stays open until ``closeInput()`` or until this process ends, however it ends, so a
/// program that stops at the end of its input never outlives its parent.
public final class RunningChildProcess: Sendable {
    /// The program's process id.
    public let processID: Int32
    private let lines: LineQueue
    private let commands: AsyncStream<Command>.Continuation
    private let run: Task<ChildProcess.Outcome, any Error>

    private enum Command: Sendable {
        case write([UInt8])
        case closeInput
        case signal(Int32)
    }

    /// Starts `executable` (a path) with `arguments`; its standard error goes to this process's when
    /// `inheritErrorOutput`, and is thrown away otherwise.
    public static func start(
        _ executable: String, _ arguments: [String] = [], inheritErrorOutput: Bool = false
    ) async throws -> RunningChildProcess {
        ChildProcess.brokenPipesFail
        let lines = LineQueue()
        let (commands, sender) = AsyncStream.makeStream(of: Command.self)
        let (started, reportStart) = AsyncStream.makeStream(of: Int32.self)
        let program = Executable.path(FilePath(executable))
        let run = Task {
            defer {
                lines.finish()
                reportStart.finish()
            }
            func converse(errorOutput: some ErrorOutputProtocol) async throws -> TerminationStatus {
                try await Subprocess.run(
                    program, arguments: Arguments(arguments), input: .inputWriter, output: .sequence,
                    error: errorOutput
                ) { execution in
                    reportStart.yield(execution.processIdentifier.value)
                    try await Self.converse(with: execution, lines: lines, commands: commands)
                }.terminationStatus
            }
            let status =
                inheritErrorOutput
                ? try await converse(errorOutput: .fileDescriptor(.standardError, closeAfterSpawningProcess: false))
                : try await converse(errorOutput: .discarded)
            return ChildProcess.Outcome(status, nil, nil)
        }
        var reports = started.makeAsyncIterator()
        guard let processID = await reports.next() else {
            _ = try await run.value
            throw ChildProcessDidNotStart()
        }
        return RunningChildProcess(processID: processID, lines: lines, commands: sender, run: run)
    }

    private init(
        processID: Int32, lines: LineQueue, commands: AsyncStream<Command>.Continuation,
        run: Task<ChildProcess.Outcome, any Error>
    ) {
        self.processID = processID
        self.lines = lines
        self.commands = commands
        self.run = run
    }

    /// Reads the output into `lines` until it ends, and carries out `commands` meanwhile.
    private static func converse<ErrorOutput: OutputProtocol>(
        with execution: Execution<CustomWriteInput, SequenceOutput, ErrorOutput>, lines: LineQueue,
        commands: AsyncStream<Command>
    ) async throws {
        let output = execution.standardOutput
        let input = execution.standardInputWriter
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await line in output.strings() { lines.append(line) }
            }
            group.addTask {
                for await command in commands {
                    switch command {
                    case .write(let bytes): _ = try? await input.write(bytes)
                    case .closeInput: try? await input.finish()
                    case .signal(let number): try? execution.send(signal: Signal(rawValue: number))
                    }
                }
            }
            // The output ends when the program does (or closes it): then nothing more can be said to it.
            try await group.next()
            group.cancelAll()
        }
    }

    /// The next line the program printed, waiting for it; nil once its output has ended and every line was read,
    /// or when `timeout` passes first.
    public func nextLine(timeout: Duration? = nil) async -> String? {
        await lines.next(timeout: timeout)
    }

    /// Reads lines until one satisfies `wanted` and returns it with the lines before it; nil when the output ends
    /// first, or when no line comes within `timeout`.
    public func line(
        timeout: Duration? = nil, where wanted: (String) -> Bool
    ) async -> (line: String, before: [String])? {
        var before: [String] = []
        while let line = await nextLine(timeout: timeout) {
            if wanted(line) { return (line, before) }
            before.append(line)
        }
        return nil
    }

    /// Writes `text` to the program's standard input.
    public func write(_ text: String) {
        commands.yield(.write(Array(text.utf8)))
    }

    /// Closes the program's standard input.
    public func closeInput() {
        commands.yield(.closeInput)
    }

    /// Sends `signal` to the program, if it still runs.
    public func send(_ signal: Int32) {
        commands.yield(.signal(signal))
    }

    /// Waits for the program to end.
    @discardableResult
    public func waitForExit() async throws -> ChildProcess.Outcome {
        try await run.value
    }

    /// Sends `signal` and waits for the program to end.
    @discardableResult
    public func stop(_ signal: Int32 = SIGTERM) async throws -> ChildProcess.Outcome {
        send(signal)
        return try await waitForExit()
    }

    /// Whether the program has ended (and its output was read to the end).
    public var hasEnded: Bool { lines.isFinished }
}

/// A program could not be started.
public struct ChildProcessDidNotStart: Error {}

/// Lines from a program's output, for one reader that may wait with a time limit.
final class LineQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var finished = false
    private var waiter: (id: Int, continuation: CheckedContinuation<String?, Never>)?
    /// Counts waits, so a timer that fires late cannot end a later wait.
    private var generation = 0
    /// The latest wait whose time ran out, even before it began to wait.
    private var expired = 0

    var isFinished: Bool { lock.withLock { finished && lines.isEmpty } }

    func append(_ line: String) {
        lock.withLock {
            lines.append(line)
            return deliver()
        }?()
    }

    func finish() {
        lock.withLock {
            finished = true
            return deliver()
        }?()
    }

    func next(timeout: Duration?) async -> String? {
        let wait = lock.withLock {
            generation += 1
            return generation
        }
        let timer = timeout.map { timeout in
            Task {
                do {
                    try await Task.sleep(for: timeout)
                    self.expire(wait)
                } catch {}
            }
        }
        defer { timer?.cancel() }
        return await withCheckedContinuation { continuation in
            lock.withLock { () -> (() -> Void)? in
                guard expired < wait else { return { continuation.resume(returning: nil) } }
                waiter = (wait, continuation)
                return deliver()
            }?()
        }
    }

    private func expire(_ wait: Int) {
        lock.withLock { () -> (() -> Void)? in
            expired = max(expired, wait)
            guard let waiting = waiter, waiting.id == wait else { return nil }
            waiter = nil
            return { waiting.continuation.resume(returning: nil) }
        }?()
    }

    /// Hands the waiter a line, or nil once finished; call with the lock held, run the result after unlocking.
    private func deliver() -> (() -> Void)? {
        guard let waiting = waiter else { return nil }
        if !lines.isEmpty {
            waiter = nil
            let line = lines.removeFirst()
            return { waiting.continuation.resume(returning: line) }
        }
        if finished {
            waiter = nil
            return { waiting.continuation.resume(returning: nil) }
        }
        return nil
    }
}
