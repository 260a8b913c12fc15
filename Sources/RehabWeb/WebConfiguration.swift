import Foundation
import RehabCore

/// How the web app runs: where it listens, how cookies are marked, how slow password hashing is, and the clock.
///
/// Built once at the edge (`kneerehab serve` or a test) and passed down; nothing in the app reads the
/// environment or the system clock by itself.
public struct WebConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port; 0 picks a free one (tests).
    public var port: Int
    /// A Unix socket to listen on instead of the host and port (`--socket`), for a proxy on the same machine.
    public var socketPath: String? = nil
    /// Whether cookies carry `Secure` (set when the app is served over TLS, directly or behind a proxy).
    public var secureCookies: Bool
    /// Bcrypt cost for new password hashes.
    public var passwordCost: UInt8
    /// How long a clinician's or admin's sign-in lasts at most, however busy (`--session-hours`).
    public var sessionLifetime: TimeInterval
    /// How long a clinician's or admin's sign-in lasts without use (`--idle-minutes`): they read many
    /// patients' health data, often on shared computers.
    public var staffIdleTimeout: TimeInterval = 15 * 60
    /// How long a patient's sign-in lasts at most (`--patient-session-days`).
    public var patientSessionLifetime: TimeInterval = 30 * 86_400
    /// How long a patient's sign-in lasts without use (`--patient-idle-hours`): their own phone, their own
    /// data, a session every day or two.
    public var patientIdleTimeout: TimeInterval = 72 * 3600
    /// How often a sign-in in use has its last use written down: idle ends are this much early at worst, and a
    /// busy sign-in costs one database write per this interval rather than one per request.
    public var touchInterval: TimeInterval = 60
    /// The key (32 bytes) that seals second-factor secrets (`--second-factor-key-file`); nil keeps one in the
    /// database.
    public var secondFactorKey: Data? = nil
    /// How long before the idle end the pages warn and offer to stay signed in.
    public var idleWarning: TimeInterval = 120
    /// How long an invite code works.
    public var inviteLifetime: TimeInterval
    /// Failed sign-ins allowed per email and per address within `throttleWindow` before refusing more.
    public var throttleLimit: Int
    /// The window of the sign-in throttle.
    public var throttleWindow: TimeInterval
    /// Seconds a connection may stay silent (no request part arriving, nothing being answered) before it is
    /// closed: an idle keep-alive, or a client that never finishes its headers.
    public var idleTimeout: Int = 30
    /// True when the server sends mail (`--smtp`): the settings page then offers reminders by e-mail.
    public var mailConfigured: Bool = false
    /// The address the sign-in link in mails points at (e.g. `https://rehab.example.org`); nil makes links from
    /// the request's host.
    public var publicURL: String? = nil
    /// The addresses of proxies in front of the app (`--trusted-proxy`), whose `X-Forwarded-For` names the client.
    public var trustedProxies: Set<String> = []
    /// The clinic's time zone, which decides what "today" is.
    public var timeZone: TimeZone
    /// The clock.
    public var now: @Sendable () -> Date

    /// Makes a configuration; the defaults suit a production server.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
        passwordCost: UInt8 = 12, sessionLifetime: TimeInterval = 12 * 3600,
        inviteLifetime: TimeInterval = 14 * 86_400, throttleLimit: Int = 5, throttleWindow: TimeInterval = 900,
        timeZone: TimeZone = .current, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.sessionLifetime = sessionLifetime
        self.inviteLifetime = inviteLifetime
        self.throttleLimit = throttleLimit
        self.throttleWindow = throttleWindow
        self.timeZone = timeZone
        self.now = now
    }

    /// The clinic's calendar day at `date`: whole days since 1970-01-01 on the clinic's wall clock. Every API
    /// request asks, so it is the time zone's offset and a division rather than a calendar's date components.
    public func day(of date: Date) -> CalendarDate {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        return CalendarDate(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    /// How long a sign-in of `role` lasts at most and without use.
    public func lifetime(of role: AccountRole) -> (absolute: TimeInterval, idle: TimeInterval) {
        role == .patient ? (patientSessionLifetime, patientIdleTimeout) : (sessionLifetime, staffIdleTimeout)
    }

    /// Today in the clinic.
    public var today: CalendarDate { day(of: now()) }
}
