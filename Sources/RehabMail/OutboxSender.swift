import Foundation
import Metrics
import RehabCore

/// Sends the outbox: claims the mail that is due, writes each one (`compose`), hands it to the transport and
/// records how it went, so every row ends sent, failed or skipped.
///
/// - **Never lost.** A mail is a row written in the same transaction as its cause; a sender that dies mid-send
///   leaves the row claimed until its lease ends, and then any sender takes it again. A server shutting down
///   finishes the exchanges under way and records them first.
/// - **One sender per mail.** A claim holds the row for `lease` (PostgreSQL claims with `FOR UPDATE SKIP
///   LOCKED`), so several servers on one database never send the same row at once. The only window for a second
///   delivery is a crash after the SMTP server accepted the mail and before the row was marked: the mail then goes
///   again with the same `Message-ID` (its delivery id), which lets a mail system drop the copy.
/// - **Retries.** A transient failure (server down, 4xx, timeout) waits `MailRetry.delay` and tries again; a
///   permanent one (5xx, refused address) ends the row as failed.
/// - **Prompt.** `wake()` after a write sends at once; otherwise the queue is looked at every `tick`, which also
///   picks up mail written by other servers, and due reminders are queued once a minute.
public actor OutboxSender {
    /// Writes the mail for a claimed row; nil when it cannot be written (the row fails).
    public typealias Compose = @Sendable (ClaimedMail) async throws -> MailMessage

    private let store: any OutboxRepository
    private let transport: any MailTransport
    private let compose: Compose
    private let queueReminders: @Sendable (Date) async throws -> Void
    private let now: @Sendable () -> Date
    private let lease: TimeInterval
    private let tick: Duration
    private let batch: Int
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation
    private let queueGauge = Gauge(label: "kneerehab_mail_queue")
    private var lastReminderMinute: Int?

    /// Makes a sender; `run()` starts it.
    public init(
        store: any OutboxRepository, transport: any MailTransport, compose: @escaping Compose,
        queueReminders: @escaping @Sendable (Date) async throws -> Void, now: @escaping @Sendable () -> Date,
        lease: TimeInterval = 600, tick: Duration = .seconds(1), batch: Int = 20
    ) {
        self.store = store
        self.transport = transport
        self.compose = compose
        self.queueReminders = queueReminders
        self.now = now
        self.lease = lease
        self.tick = tick
        self.batch = batch
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the sender to look at the queue now (after a write that may have added mail).
    public nonisolated func wake() {
        signal.yield()
    }

    /// Sends until the task is cancelled; a failing pass (the database away) is tried again at the next tick.
    public func run() async {
        let ticker = Task { [signal, tick] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                signal.yield()
            }
        }
        defer { ticker.cancel() }
        await pass()
        for await _ in signals {
            if Task.isCancelled { break }
            await pass()
        }
    }

    /// One look at the queue: queue due reminders (once a minute), then send everything due.
    @discardableResult
    public func pass() async -> Int {
        let time = now()
        let minute = Int(time.timeIntervalSince1970 / 60)
        if minute != lastReminderMinute {
            if (try? await queueReminders(time)) != nil { lastReminderMinute = minute }
        }
        var handled = 0
        while let claimed = try? await store.claimDueMail(now: now(), lease: lease, limit: batch), !claimed.isEmpty {
            await withTaskGroup(of: Void.self) { group in
                for mail in claimed { group.addTask { await self.deliver(mail) } }
            }
            handled += claimed.count
        }
        if let length = try? await store.mailQueueLength() { queueGauge.record(length) }
        return handled
    }

    /// Sends one mail and records how it went, each in a task of its own that a shutdown's cancellation does not
    /// reach: an SMTP exchange under way is finished (the client's time limits bound it), and a mail the server has
    /// accepted is marked, where left unmarked it would go a second time once its lease ended.
    private func deliver(_ mail: ClaimedMail) async {
        let outcome = await Task { await self.outcome(of: mail) }.value
        let (store, time) = (self.store, now())
        await Task { try? await store.finishMail(mail.id, outcome, at: time) }.value
    }

    private func outcome(of mail: ClaimedMail) async -> MailOutcome {
        guard mail.stillApplies else { return .skipped(reason: "no-longer-applies") }
        let message: MailMessage
        do {
            message = try await compose(mail)
        } catch {
            return .failed(reason: "compose")
        }
        do {
            let receipt = try await transport.send(message)
            return .sent(receipt: receipt.text)
        } catch {
            let reason = "smtp-\(error.code)"
            guard !Self.isTheMailsFault(error), let delay = MailRetry.delay(afterAttempt: mail.attempts) else {
                return .failed(reason: reason)
            }
            return .retry(at: now().addingTimeInterval(delay), reason: reason)
        }
    }

    /// True when retrying cannot help this mail: the server refused it or its address for good. A permanent error
    /// of the set-up (a wrong password, a certificate the server cannot prove, STARTTLS missing) is the clinic's to
    /// fix, and the mail waits for it rather than being dropped.
    static func isTheMailsFault(_ error: MailError) -> Bool {
        error.isPermanent && [.rejected, .invalidAddress, .invalidHeader].contains(error.code)
    }
}
